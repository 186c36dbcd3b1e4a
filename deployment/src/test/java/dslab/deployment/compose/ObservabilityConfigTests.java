package dslab.deployment.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus scrapes every application of docker-compose.yml where it listens, and the
 * Grafana dashboard queries the Prometheus that Grafana is provisioned with. (Whether
 * each query returns data is checked by the podman run, deploy/podman/run.sh.)
 */
class ObservabilityConfigTests {

	private static final String DATASOURCE_UID = "dslab-prometheus";

	private static final Path DEPLOY = Repository.root().resolve("deploy");

	@Test
	void prometheusScrapesEveryApplicationOnItsPort() {
		assertThat(missingTargets(DEPLOY.resolve("prometheus/prometheus.yml"))).isEmpty();
	}

	@Test
	void rejectsAPrometheusConfigurationThatMissesAnApplication() {
		assertThat(missingTargets(Repository.brokenFixture("prometheus-missing-target.yml")))
			.containsExactly("gateway:8080", "order-service:8081");
	}

	@Test
	void grafanaIsProvisionedWithThePrometheusTheDashboardUses() {
		Map<String, Object> provisioning = yaml(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml"));
		List<?> datasources = (List<?>) provisioning.get("datasources");
		assertThat(datasources).hasSize(1);
		Map<?, ?> datasource = (Map<?, ?>) datasources.get(0);
		assertThat(datasource.get("uid")).isEqualTo(DATASOURCE_UID);
		assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
		assertThat(panelsWithoutTheDatasource(DEPLOY.resolve("grafana/dashboards/dslab.json"))).isEmpty();
	}

	@Test
	void rejectsADashboardPanelWithAnotherDatasource() {
		assertThat(panelsWithoutTheDatasource(Repository.brokenFixture("dashboard-wrong-datasource.json")))
			.containsExactly("Orders", "Lag");
	}

	@Test
	void dashboardShowsOrderOutcomesGatewayTrafficConsumerLagAndOutboxBacklog() {
		String queries = String.join("\n", queries(DEPLOY.resolve("grafana/dashboards/dslab.json")));
		assertThat(queries).contains("lab_orders_completed_total", "by (outcome)",
				"http_server_requests_seconds_count{application=\"gateway\"}", "by (status)",
				"http_server_requests_seconds_bucket{application=\"gateway\"}",
				"kafka_consumer_fetch_manager_records_lag", "topic, partition", "lab_outbox_backlog");
	}

	/** The applications' {@code service:port} that no scrape target names. */
	private static Set<String> missingTargets(Path prometheusConfig) {
		ComposeFile compose = ComposeFile.load(Repository.composeFile());
		Set<String> expected = new TreeSet<>();
		compose.applications().keySet().forEach((service) -> {
			String port = ComposeRules.hostPorts(compose.service(service)).get(0).replaceAll(".*:(\\d+)/tcp", "$1");
			expected.add(service + ":" + port);
		});
		List<?> scrapeConfigs = (List<?>) yaml(prometheusConfig).get("scrape_configs");
		for (Object scrapeConfig : scrapeConfigs) {
			Map<?, ?> job = (Map<?, ?>) scrapeConfig;
			assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
			for (Object staticConfig : (List<?>) job.get("static_configs")) {
				((List<?>) ((Map<?, ?>) staticConfig).get("targets")).forEach((target) -> expected.remove(target));
			}
		}
		return expected;
	}

	/** The titles of panels that do not query the provisioned Prometheus. */
	private static List<String> panelsWithoutTheDatasource(Path dashboard) {
		List<String> titles = new ArrayList<>();
		for (JsonNode panel : json(dashboard).path("panels")) {
			boolean panelUsesIt = DATASOURCE_UID.equals(panel.path("datasource").path("uid").asString(""));
			boolean targetsUseIt = true;
			for (JsonNode target : panel.path("targets")) {
				targetsUseIt &= DATASOURCE_UID.equals(target.path("datasource").path("uid").asString(""));
			}
			if (!panelUsesIt || !targetsUseIt) {
				titles.add(panel.path("title").asString());
			}
		}
		return titles;
	}

	private static List<String> queries(Path dashboard) {
		List<String> queries = new ArrayList<>();
		json(dashboard).path("panels")
			.forEach((panel) -> panel.path("targets").forEach((target) -> queries.add(target.path("expr").asString())));
		return queries;
	}

	private static JsonNode json(Path file) {
		try {
			return JsonMapper.builder().build().readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> yaml(Path file) {
		try {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
