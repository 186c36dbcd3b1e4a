package dslab.deployment.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Autoscalers for the gateway and the consumers, held to the topics' partitions. */
class AutoscalingRulesTests {

	private final AutoscalingRules rules = new AutoscalingRules();

	@Test
	void acceptsTheValidRender() {
		assertThat(this.rules.check(Fixtures.valid(), Fixtures.contract())).isEmpty();
	}

	@Test
	void rejectsAConsumerThatMayScalePastThePartitionsOfItsTopics() {
		assertThat(check("broken/consumer-autoscaler-above-partitions.yaml")).containsExactlyInAnyOrder(
				"HorizontalPodAutoscaler order-service: maxReplicas 7 x 1 listener thread(s) per pod exceeds the 6 "
						+ "partitions of inventory-events; the consumers beyond them would sit idle",
				"HorizontalPodAutoscaler order-service: maxReplicas 7 x 1 listener thread(s) per pod exceeds the 6 "
						+ "partitions of payment-events; the consumers beyond them would sit idle");
	}

	@Test
	void countsTheListenerThreadsOfTheApplicationWhenTheEnvironmentDoesNotSetThem() {
		assertThat(check("broken/consumer-autoscaler-with-default-listener-threads.yaml")).contains(
				"HorizontalPodAutoscaler order-service: maxReplicas 4 x 3 listener thread(s) per pod exceeds the 6 "
						+ "partitions of inventory-events; the consumers beyond them would sit idle");
	}

	@Test
	void rejectsAnAutoscalerForADeploymentThatIsNotThere() {
		assertThat(check("broken/autoscaler-for-missing-deployment.yaml")).containsExactly(
				"Deployment gateway: no HorizontalPodAutoscaler scales it",
				"HorizontalPodAutoscaler gateway: scales Deployment gatway, which is not here");
	}

	@Test
	void rejectsAnAutoscaledDeploymentThatFixesItsReplicas() {
		assertThat(check("broken/autoscaled-deployment-with-replicas.yaml")).containsExactly(
				"Deployment gateway: sets replicas although an autoscaler owns the count; every apply would reset it");
	}

	private List<String> check(String fixture) {
		return this.rules.check(Fixtures.validWith(fixture), Fixtures.contract());
	}

}
