package dslab.deployment.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Names that must resolve: namespaces, ConfigMaps, Secrets, Services and addresses. */
class ReferenceRulesTests {

	private final ReferenceRules rules = new ReferenceRules();

	@Test
	void acceptsTheValidRender() {
		assertThat(this.rules.check(Fixtures.valid(), Fixtures.contract())).isEmpty();
	}

	@Test
	void rejectsAnAddressThatIsNoServiceHere() {
		assertThat(check("broken/gateway-routing-to-missing-service.yaml")).containsExactly(
				"Deployment gateway: container gateway: LAB_GATEWAY_ORDERSERVICE points at orders:8081, which is no "
						+ "Service here with that port");
	}

	@Test
	void rejectsKafkaBootstrapServersOnAPortWithoutAListener() {
		assertThat(check("broken/kafka-bootstrap-on-wrong-port.yaml")).containsExactly(
				"Deployment order-service: container order-service: SPRING_KAFKA_BOOTSTRAP_SERVERS points at "
						+ "dslab-kafka-bootstrap:9093, which is no Service here with that port");
	}

	@Test
	void rejectsASecretReferenceThatMissedTheGeneratedName() {
		assertThat(check("broken/secret-reference-without-generated-name.yaml")).containsExactly(
				"Deployment order-service: container order-service: uses Secret lab-db-credentials but the Secret "
						+ "here is lab-db-credentials-ctbhtm777h; the generator's name was not applied to this reference");
	}

	@Test
	void rejectsAConfigMapThatIsNotRendered() {
		assertThat(check("broken/missing-config-map.yaml")).containsExactly(
				"Deployment order-service: container order-service: uses ConfigMap order-service, which is not here");
	}

	@Test
	void rejectsAResourceOutsideTheNamespace() {
		assertThat(check("broken/resource-outside-namespace.yaml")).containsExactly(
				"Secret lab-admin-token-mf5dm6chdt: no namespace while the rest is in [dslab] (a generator or "
						+ "resource outside the kustomization's namespace?)");
	}

	@Test
	void rejectsAServiceThatSelectsNoPods() {
		assertThat(check("broken/service-selecting-nothing.yaml"))
			.containsExactly("Service order-service: selects no pods here ({app.kubernetes.io/name=orders})");
	}

	private List<String> check(String fixture) {
		return this.rules.check(Fixtures.validWith(fixture), Fixtures.contract());
	}

}
