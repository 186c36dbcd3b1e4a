package dslab.deployment.compose;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable that a Compose file gives to an application is one that
 * application really reads: read from the service's executable jar as
 * {@link ServiceConfiguration} describes (library configuration metadata, this project's
 * {@code @ConfigurationProperties} records, placeholders of its properties files, the
 * JVM's own variables), matched by Spring Boot's own relaxed binding. A misspelt variable
 * is otherwise silently ignored and the service runs on its default.
 */
class ApplicationEnvironmentTests {

	private static final Map<String, ServiceConfiguration> CONFIGURATIONS = new ConcurrentHashMap<>();

	private static ServiceConfiguration configuration(String module) {
		return CONFIGURATIONS.computeIfAbsent(module,
				(name) -> ServiceConfiguration.read(Repository.executableJar(name), Repository.modules()));
	}

	@Test
	void everyVariableGivenToAnApplicationIsOneItReads() {
		ComposeFile compose = ComposeFile.load(Repository.composeFile());
		compose.applications()
			.forEach((service, module) -> assertThat(configuration(module).unread(compose.environment(service)))
				.as("variables given to %s that it does not read", service)
				.isEmpty());
	}

	@Test
	void rejectsVariablesTheApplicationDoesNotRead() {
		ComposeFile fixture = ComposeFile.load(Repository.brokenFixture("unread-variables.yml"));
		assertThat(configuration("gateway").unread(fixture.environment("gateway")))
			.containsExactlyInAnyOrder("SPRING_KAFKA_BOOTSTRAP_SERVERS", "LAB_GATEWAY_ORDERSERVIC", "DB_URL");
		assertThat(configuration("order-service").unread(fixture.environment("order-service")))
			.containsExactly("SPRING_KAFKA_BOOTSTRAP_SERVER");
	}

	@Test
	void readsThisProjectsRecordsIncludingNestedOnes() {
		assertThat(configuration("order-service").properties()).contains("lab.messaging.replication-factor",
				"lab.messaging.min-insync-replicas", "lab.messaging.outbox.poll-interval", "lab.admin.token",
				"spring.kafka.bootstrap-servers", "lab.data-dir");
		assertThat(configuration("gateway").properties()).contains("lab.gateway.order-service")
			.doesNotContain("spring.kafka.bootstrap-servers");
	}

	@Test
	void acceptsPlaceholdersJvmVariablesAndBothEnvironmentSpellings() {
		ServiceConfiguration orders = configuration("order-service");
		assertThat(Set.of("DB_URL", "DB_USER", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "SPRING_KAFKA_BOOTSTRAPSERVERS",
				"SPRING_KAFKA_BOOTSTRAP_SERVERS", "LAB_MESSAGING_MININSYNCREPLICAS", "LOGGING_LEVEL_DSLAB",
				"SPRING_PROFILES_ACTIVE"))
			.allSatisfy((variable) -> assertThat(orders.reads(variable, "x")).as(variable).isTrue());
	}

}
