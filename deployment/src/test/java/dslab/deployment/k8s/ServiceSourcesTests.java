package dslab.deployment.k8s;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The contract is read from the repository's sources, listeners included. */
class ServiceSourcesTests {

	@Test
	void readsTheServicesTheirListenersAndTheTopicsFromTheRepository() throws IOException {
		Contract contract = ServiceSources.contract(Fixtures.repository());

		assertThat(contract.services()).containsExactlyInAnyOrder("gateway", "order-service", "payment-service",
				"inventory-service", "payment-provider");
		assertThat(contract.consumers()).containsOnlyKeys("order-service", "payment-service", "inventory-service");
		assertThat(contract.consumers().get("order-service").topics()).containsExactlyInAnyOrder("inventory-events",
				"payment-events");
		assertThat(contract.consumers().get("payment-service").topics()).containsExactly("inventory-events");
		assertThat(contract.consumers().get("inventory-service").topics()).containsExactlyInAnyOrder("order-events",
				"payment-events", "stock-movements", "stock-line-outcomes");
		assertThat(contract.topics()).containsExactlyInAnyOrder("order-events", "order-events.DLT", "inventory-events",
				"inventory-events.DLT", "payment-events", "payment-events.DLT");
		assertThat(contract.autoscaled()).containsExactly("gateway", "inventory-service", "order-service",
				"payment-service");
	}

	@Test
	void takesTheListenerThreadsFromTheApplicationProperties() throws IOException {
		Map<String, Contract.Consumer> consumers = ServiceSources.contract(Fixtures.repository()).consumers();

		assertThat(consumers.values()).allSatisfy((consumer) -> assertThat(consumer.defaultConcurrency()).isEqualTo(3));
	}

	@Test
	void readsTopicsGivenAsConstantsOrLiterals() {
		String source = """
				import dslab.contracts.OrderEvent;
				class Listener {
					@KafkaListener(topics = { OrderEvent.TOPIC, "audit" }, groupId = "g")
					void on(String event) {
					}
				}
				""";

		assertThat(ServiceSources.listenedTopics(source)).containsExactly("order-events", "audit");
	}

	@Test
	void refusesAListenerWhoseTopicsItCannotTell() {
		String source = """
				class Listener {
					@KafkaListener(topicPattern = "orders.*", groupId = "g")
					void on(String event) {
					}
				}
				""";

		assertThatIllegalStateException().isThrownBy(() -> ServiceSources.listenedTopics(source))
			.withMessageContaining("cannot tell which topics this listener reads");
	}

}
