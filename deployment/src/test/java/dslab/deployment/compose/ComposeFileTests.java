package dslab.deployment.compose;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's {@code docker-compose.yml} against the Compose schema of
 * docker-compose 1.29 and the rules the schema cannot express.
 */
class ComposeFileTests {

	private static final ComposeFile COMPOSE = ComposeFile.load(Repository.composeFile());

	private static final List<String> KAFKA_BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

	@Test
	void conformsToTheComposeSchemaOfDockerCompose129() {
		assertThat(ComposeSchema.vendored().violations(COMPOSE)).isEmpty();
	}

	@Test
	void dependsOnExistingServicesAndWaitsUntilTheyAreHealthy() {
		assertThat(ComposeRules.dependenciesExist(COMPOSE)).isEmpty();
		assertThat(ComposeRules.dependenciesWaitUntilHealthy(COMPOSE)).isEmpty();
	}

	@Test
	void buildsTheFiveServicesEachWithAHealthcheckOnItsReadinessEndpoint() {
		assertThat(COMPOSE.applications()).containsOnlyKeys("payment-provider", "inventory-service", "payment-service",
				"order-service", "gateway");
		assertThat(ComposeRules.applicationsHaveHealthchecks(COMPOSE)).isEmpty();
		COMPOSE.applications().forEach((service, module) -> {
			String port = ComposeRules.hostPorts(COMPOSE.service(service)).get(0).replaceAll(".*:(\\d+)/tcp", "$1");
			assertThat(ComposeFile.mapping(COMPOSE.service(service).get("healthcheck")).get("test"))
				.as(service + " checks /actuator/health/readiness on its own port")
				.isEqualTo(List.of("CMD", "/app/readiness", port));
		});
	}

	@Test
	void limitsTheMemoryOfEveryContainerToAtMost4GiBTogether() {
		assertThat(ComposeRules.containersHaveMemoryLimits(COMPOSE)).isEmpty();
		assertThat(ComposeRules.memoryWithin(COMPOSE, ComposeRules.STACK_MEMORY_BUDGET)).isEmpty();
	}

	@Test
	void publishesTheLocalClustersPortsEachOnce() {
		assertThat(ComposeRules.hostPortsUnique(COMPOSE)).isEmpty();
		List<String> published = COMPOSE.services()
			.values()
			.stream()
			.flatMap((s) -> ComposeRules.hostPorts(s).stream())
			.toList();
		assertThat(published).contains("0.0.0.0:8080/tcp", "0.0.0.0:8081/tcp", "0.0.0.0:8082/tcp", "0.0.0.0:8083/tcp",
				"0.0.0.0:8084/tcp", "0.0.0.0:9092/tcp");
	}

	@Test
	void pinsEveryImage() {
		assertThat(ComposeRules.imagesPinned(COMPOSE)).isEmpty();
	}

	@Test
	void runsThreeKafkaBrokersThatKeepTwoInSyncReplicasAndNeverElectAnUncleanLeader() {
		for (String broker : KAFKA_BROKERS) {
			Map<String, String> environment = COMPOSE.environment(broker);
			assertThat(COMPOSE.service(broker).get("image").toString()).startsWith("apache/kafka:");
			assertThat(environment).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
				.containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
				.containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
				.containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false");
		}
		assertThat(KAFKA_BROKERS.stream().map((broker) -> COMPOSE.environment(broker).get("KAFKA_NODE_ID")))
			.containsExactly("1", "2", "3");
	}

	@Test
	void createsTheApplicationTopicsWithThreeReplicasTwoOfThemInSync() {
		COMPOSE.applications()
			.keySet()
			.stream()
			.filter((service) -> !service.equals("gateway") && !service.equals("payment-provider"))
			.forEach((service) -> assertThat(COMPOSE.environment(service)).as(service)
				.containsEntry("LAB_MESSAGING_REPLICATIONFACTOR", "3")
				.containsEntry("LAB_MESSAGING_MININSYNCREPLICAS", "2")
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:19092,kafka-2:19092,kafka-3:19092"));
	}

}
