package dslab.deployment.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every overlay in {@code k8s/overlays}, rendered by {@code kubectl kustomize} as
 * {@code kubectl apply -k} would, read into the typed Kubernetes and Strimzi models and
 * held to every rule. Skipped without kubectl, unless {@code LAB_REQUIRE_KUBECTL=1}.
 */
class KustomizeOverlaysTests {

	private static final Path OVERLAYS = Fixtures.repository().resolve("k8s/overlays");

	private final ManifestReader reader = new ManifestReader();

	@Test
	void includesALocalAndAProductionOverlay() throws IOException {
		assertThat(overlays()).contains("local", "production");
	}

	@TestFactory
	Stream<DynamicTest> everyOverlayRendersIntoTypedModelsThatKeepEveryRule() throws IOException {
		Kubectl kubectl = Kubectl.onPathOrSkip(System.getenv());
		Contract contract = ServiceSources.contract(Fixtures.repository());
		return overlays().stream().map((overlay) -> dynamicTest(overlay, () -> {
			Manifests manifests = render(kubectl, overlay);

			assertThat(manifests.resources()).as(manifests.source()).isNotEmpty();
			assertThat(ManifestRule.violations(manifests, contract)).as(manifests.source()).isEmpty();
		}));
	}

	@Test
	void productionRunsMoreReplicasOfEveryServiceThanLocal() throws Exception {
		Kubectl kubectl = Kubectl.onPathOrSkip(System.getenv());

		Map<String, Integer> local = minimumReplicas(render(kubectl, "local"));
		Map<String, Integer> production = minimumReplicas(render(kubectl, "production"));

		assertThat(production).containsOnlyKeys(local.keySet());
		local.forEach((deployment, replicas) -> assertThat(production.get(deployment)).as(deployment)
			.isGreaterThan(replicas)
			.isGreaterThanOrEqualTo(2));
	}

	private Manifests render(Kubectl kubectl, String overlay) throws IOException, InterruptedException {
		return this.reader.read(kubectl.kustomize(OVERLAYS.resolve(overlay)), "k8s/overlays/" + overlay);
	}

	/**
	 * Per Deployment, the fewest pods it runs: its autoscaler's minimum, else its
	 * replicas.
	 */
	private static Map<String, Integer> minimumReplicas(Manifests manifests) {
		Map<String, Integer> replicas = new TreeMap<>();
		for (Deployment deployment : manifests.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			int minimum = manifests.all(HorizontalPodAutoscaler.class)
				.stream()
				.filter((autoscaler) -> name.equals(autoscaler.getSpec().getScaleTargetRef().getName()))
				.map((autoscaler) -> Objects.requireNonNullElse(autoscaler.getSpec().getMinReplicas(), 1))
				.findFirst()
				.orElse(Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1));
			replicas.put(name, minimum);
		}
		return replicas;
	}

	private static List<String> overlays() throws IOException {
		try (Stream<Path> directories = Files.list(OVERLAYS)) {
			return directories.filter((directory) -> Files.exists(directory.resolve("kustomization.yaml")))
				.map((directory) -> directory.getFileName().toString())
				.sorted()
				.toList();
		}
	}

}
