package dslab.deployment.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the gateway's /api is reachable from outside the cluster. */
class ExposureRulesTests {

	private final ExposureRules rules = new ExposureRules();

	@Test
	void acceptsTheValidRender() {
		assertThat(this.rules.check(Fixtures.valid(), Fixtures.contract())).isEmpty();
	}

	@Test
	void rejectsABackendServiceReachableFromOutside() {
		assertThat(check("broken/backend-behind-load-balancer.yaml")).containsExactly(
				"Service order-service: reachable from outside the cluster; only the gateway may be, and only through /api");
	}

	@Test
	void rejectsAnIngressThatExposesMoreThanTheGatewaysApi() {
		assertThat(check("broken/ingress-exposing-more-than-the-api.yaml")).containsExactly(
				"Ingress gateway: exposes path /; only /api is public",
				"Ingress gateway: path /api/orders goes to Service order-service; only the gateway is public");
	}

	private List<String> check(String fixture) {
		return this.rules.check(Fixtures.validWith(fixture), Fixtures.contract());
	}

}
