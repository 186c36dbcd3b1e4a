package dslab.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Cluster control on the broker, the one process this module can start without the
 * services.
 */
class LocalClusterTest {

	@TempDir
	Path state;

	private LocalCluster cluster;

	@AfterEach
	void down() {
		if (this.cluster != null) {
			this.cluster.down();
		}
	}

	@Test
	void killsAndRestartsTheBrokerKeepingItsData() throws Exception {
		this.cluster = cluster();

		this.cluster.start("kafka");
		long firstPid = kafka().pid();
		Path meta = this.state.resolve("data/kafka/kraft/meta.properties");
		String clusterId = java.nio.file.Files.readString(meta);
		assertThat(kafka().state()).isEqualTo("running");

		assertThat(this.cluster.kill("kafka")).contains(firstPid);
		assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
		assertThat(kafka().state()).isEqualTo("down");
		assertThat(kafka().pid()).isNull();

		this.cluster.start("kafka");
		assertThat(kafka().state()).isEqualTo("running");
		assertThat(kafka().pid()).isNotEqualTo(firstPid);
		assertThat(java.nio.file.Files.readString(meta)).isEqualTo(clusterId);
	}

	@Test
	void killingWhatIsNotRunningChangesNothing() throws Exception {
		this.cluster = cluster();

		assertThat(this.cluster.kill("order-service")).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.cluster.kill("no-such-service"))
			.withMessageContaining("Unknown service 'no-such-service'");
	}

	@Test
	void refusesToScaleAServiceThatRunsOnce() throws Exception {
		this.cluster = cluster();

		assertThatIllegalArgumentException().isThrownBy(() -> this.cluster.scale("order-service", 2))
			.withMessageContaining("order-service cannot be scaled")
			.withMessageContaining("[inventory-service, payment-service]");
		assertThatIllegalArgumentException().isThrownBy(() -> this.cluster.scale("inventory-service", 0))
			.withMessageContaining("runs 1 to 6 instances, not 0");
	}

	@Test
	void listsNoInstancesOfAServiceThatIsDown() throws Exception {
		this.cluster = cluster();

		assertThat(this.cluster.instances("inventory-service")).isEmpty();
		assertThat(this.cluster.status()).extracting(LocalCluster.Status::name)
			.containsExactly("kafka", "payment-provider", "inventory-service", "payment-service", "order-service",
					"gateway");
	}

	private LocalCluster.Status kafka() {
		return this.cluster.status().stream().filter((line) -> line.name().equals("kafka")).findFirst().orElseThrow();
	}

	private LocalCluster cluster() throws Exception {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			ports.put(service.name(), KafkaBroker.freePort());
		}
		ClusterSettings settings = new ClusterSettings(Path.of("."), this.state, KafkaBroker.freePort(),
				KafkaBroker.freePort(), ports, List.of());
		return new LocalCluster(settings, new PrintStream(new ByteArrayOutputStream()));
	}

}
