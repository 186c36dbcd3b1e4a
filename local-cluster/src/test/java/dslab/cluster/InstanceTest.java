package dslab.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** How a scaled service's instances are named, numbered and given ports. */
class InstanceTest {

	@ParameterizedTest
	@CsvSource({ "inventory-service, inventory-service, 1, 8083", "inventory-service-1, inventory-service, 1, 8083",
			"inventory-service-2, inventory-service-2, 2, 8183", "inventory-service-3, inventory-service-3, 3, 8283",
			"payment-service-2, payment-service-2, 2, 8182", "gateway, gateway, 1, 8080" })
	void readsTheInstanceFromItsProcessName(String given, String name, int index, int port) {
		Instance instance = Instance.named(given);

		assertThat(instance.name()).isEqualTo(name);
		assertThat(instance.index()).isEqualTo(index);
		assertThat(instance.port(defaults())).isEqualTo(port);
	}

	@Test
	void movesEveryInstanceWithTheServicesPort() {
		Map<String, Integer> ports = new LinkedHashMap<>(defaults().ports());
		ports.put("inventory-service", 41000);
		ClusterSettings settings = new ClusterSettings(Path.of("."), Path.of(".cluster"), 9092, 9093, ports,
				ClusterSettings.DEFAULT_JAVA_OPTIONS);

		assertThat(Instance.named("inventory-service-4").port(settings)).isEqualTo(41300);
	}

	@Test
	void refusesASecondInstanceOfAServiceThatCannotScale() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Instance(ServiceDefinition.named("gateway"), 2))
			.withMessageContaining("gateway runs one instance only");
		assertThatIllegalArgumentException().isThrownBy(() -> Instance.named("order-service-2"))
			.withMessageContaining("Unknown service 'order-service-2'");
	}

	@Test
	void refusesMoreInstancesThanTheMachineIsAskedToRun() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Instance(ServiceDefinition.named("inventory-service"), Instance.MAX + 1))
			.withMessageContaining("runs 1 to " + Instance.MAX + " instances");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Instance(ServiceDefinition.named("inventory-service"), 0))
			.withMessageContaining("not 0");
	}

	@Test
	void namesEveryInstanceOfAScalableServiceInItsKafkaClientId() {
		ServiceDefinition inventory = ServiceDefinition.named("inventory-service");

		assertThat(inventory.arguments(defaults(), new Instance(inventory, 1))).contains("--server.port=8083",
				"--spring.kafka.client-id=inventory-service-1");
		assertThat(inventory.arguments(defaults(), new Instance(inventory, 3))).contains("--server.port=8283",
				"--spring.kafka.client-id=inventory-service-3");
		assertThat(ServiceDefinition.named("order-service").arguments(defaults()))
			.noneMatch((argument) -> argument.startsWith("--spring.kafka.client-id"));
	}

	private static ClusterSettings defaults() {
		return ClusterSettings.fromEnvironment(Path.of("."), (variable) -> null);
	}

}
