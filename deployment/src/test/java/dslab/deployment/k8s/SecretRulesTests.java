package dslab.deployment.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No real credential in the repository, and none outside a Secret. */
class SecretRulesTests {

	private final SecretRules rules = new SecretRules();

	@Test
	void acceptsTheValidRender() {
		assertThat(this.rules.check(Fixtures.valid(), Fixtures.contract())).isEmpty();
	}

	@Test
	void rejectsASecretWithARealLookingValue() {
		assertThat(check("broken/secret-with-real-value.yaml")).containsExactly(
				"Secret lab-db-credentials-ctbhtm777h: ORDERS_DB_PASSWORD holds a real-looking value; commit placeholders "
						+ "(change-me) only and take real credentials from a secret store");
	}

	@Test
	void rejectsACredentialInAConfigMap() {
		assertThat(check("broken/password-in-config-map.yaml"))
			.containsExactly("ConfigMap order-service-hmf7bc2b74: DB_PASSWORD is a credential; it belongs in a Secret");
	}

	@Test
	void rejectsACredentialWrittenIntoTheEnvironment() {
		assertThat(check("broken/literal-token-in-environment.yaml")).containsExactly(
				"Deployment order-service: container order-service sets LAB_ADMIN_TOKEN literally; take it from a "
						+ "Secret (secretKeyRef)");
	}

	private List<String> check(String fixture) {
		return this.rules.check(Fixtures.validWith(fixture), Fixtures.contract());
	}

}
