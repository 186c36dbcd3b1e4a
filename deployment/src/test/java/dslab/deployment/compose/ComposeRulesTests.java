package dslab.deployment.compose;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check of a Compose file rejects a fixture that breaks it (compose/broken, one
 * defect per file), so a check that passes the real file is known to be able to fail.
 */
class ComposeRulesTests {

	private static ComposeFile broken(String name) {
		return ComposeFile.load(Repository.brokenFixture(name));
	}

	@Test
	void schemaRejectsAMisspeltServiceKey() {
		assertThat(ComposeSchema.vendored().violations(broken("misspelt-key.yml")))
			.anySatisfy((violation) -> assertThat(violation).contains("healthchek"));
	}

	@Test
	void schemaRejectsWhatDockerCompose129DoesNotKnow() {
		assertThat(ComposeSchema.vendored().violations(broken("compose-v2-only.yml")))
			.anySatisfy((violation) -> assertThat(violation).contains("name"))
			.anySatisfy((violation) -> assertThat(violation).contains("start_interval"));
	}

	@Test
	void schemaRejectsAWrongType() {
		assertThat(ComposeSchema.vendored().violations(broken("wrong-type.yml")))
			.anySatisfy((violation) -> assertThat(violation).contains("retries"));
	}

	@Test
	void rejectsADependencyOnAServiceThatDoesNotExist() {
		assertThat(ComposeRules.dependenciesExist(broken("missing-dependency.yml")))
			.containsExactly("order-service depends on 'ghost', which is not a service of the file");
	}

	@Test
	void rejectsADependencyThatDoesNotWaitUntilHealthy() {
		assertThat(ComposeRules.dependenciesWaitUntilHealthy(broken("dependency-not-healthy.yml"))).containsExactly(
				"order-service depends on postgres with condition service_started instead of service_healthy",
				"gateway waits for order-service to be healthy, but order-service has no healthcheck");
	}

	@Test
	void rejectsAnApplicationWithoutAHealthcheck() {
		assertThat(ComposeRules.applicationsHaveHealthchecks(broken("dependency-not-healthy.yml")))
			.containsExactly("order-service is an application without a healthcheck");
	}

	@Test
	void rejectsAContainerWithoutAMemoryLimit() {
		assertThat(ComposeRules.containersHaveMemoryLimits(broken("no-memory-limit.yml")))
			.containsExactly("postgres has no mem_limit");
	}

	@Test
	void rejectsAStackWhoseMemoryLimitsExceedTheBudget() {
		ComposeFile file = broken("too-much-memory.yml");
		assertThat(ComposeRules.totalMemoryLimit(file)).isEqualTo(4L * 1024 * 1024 * 1024 + 1024 * 1024);
		assertThat(ComposeRules.memoryWithin(file, ComposeRules.STACK_MEMORY_BUDGET))
			.containsExactly("memory limits add up to 4097 MiB, more than 4096 MiB");
	}

	@Test
	void rejectsAHostPortPublishedTwice() {
		assertThat(ComposeRules.hostPortsUnique(broken("duplicate-host-port.yml"))).containsExactly(
				"host port 0.0.0.0:8081/tcp is published by both order-service and payment-service",
				"host port 0.0.0.0:9090/tcp is published by both prometheus and grafana");
	}

	@Test
	void rejectsImagesThatAreNotPinned() {
		assertThat(ComposeRules.imagesPinned(broken("unpinned-images.yml"))).containsExactly(
				"postgres uses image postgres without a tag",
				"prometheus uses image prom/prometheus:latest, whose tag 'latest' moves",
				"order-service has neither an image nor a build");
	}

	@Test
	void readsComposeMemorySizes() {
		assertThat(ComposeRules.bytes("384m")).isEqualTo(384L * 1024 * 1024);
		assertThat(ComposeRules.bytes("1g")).isEqualTo(1024L * 1024 * 1024);
		assertThat(ComposeRules.bytes("512MB")).isEqualTo(512L * 1024 * 1024);
		assertThat(ComposeRules.bytes(1048576)).isEqualTo(1048576L);
	}

}
