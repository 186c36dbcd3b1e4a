package dslab.deployment.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka cluster, its node pools and the topics of the contract. */
class KafkaRulesTests {

	private final KafkaRules rules = new KafkaRules();

	@Test
	void acceptsTheValidRender() {
		assertThat(this.rules.check(Fixtures.valid(), Fixtures.contract())).isEmpty();
	}

	@Test
	void rejectsARenderWithoutATopicOfTheContract() {
		assertThat(check("broken/missing-dead-letter-topic.yaml"))
			.containsExactly("broken/missing-dead-letter-topic.yaml: no KafkaTopic for topic payment-events.DLT");
	}

	@Test
	void rejectsATopicThatLosesAcknowledgedEventsWithOneDisk() {
		assertThat(check("broken/topic-with-one-replica.yaml")).containsExactly(
				"KafkaTopic order-events (order-events): replicas is 1, expected 3",
				"KafkaTopic order-events (order-events): min.insync.replicas is 1, expected 2",
				"KafkaTopic order-events (order-events): unclean.leader.election.enable is true, expected false");
	}

	@Test
	void rejectsAKafkaNotInKraftModeWithNodePools() {
		assertThat(check("broken/kafka-without-kraft.yaml")).containsExactly("Kafka dslab: not annotated "
				+ "{strimzi.io/kraft=enabled, strimzi.io/node-pools=enabled} (KRaft mode with node pools)");
	}

	@Test
	void rejectsFewerThanThreeControllersAndBrokers() {
		assertThat(check("broken/node-pool-of-one.yaml")).containsExactly(
				"Kafka dslab: 1 node(s) with the role controller in its KafkaNodePools; topics with 3 replicas need 3",
				"Kafka dslab: 1 node(s) with the role broker in its KafkaNodePools; topics with 3 replicas need 3");
	}

	@Test
	void rejectsServicesToldToDeclareTopicsUnlikeTheKafkaTopics() {
		assertThat(check("broken/services-declaring-one-replica.yaml")).containsExactly(
				"Deployment order-service: container order-service: LAB_MESSAGING_REPLICATIONFACTOR is 1, expected 3");
	}

	private List<String> check(String fixture) {
		return this.rules.check(Fixtures.validWith(fixture), Fixtures.contract());
	}

}
