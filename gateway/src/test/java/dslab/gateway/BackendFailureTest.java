package dslab.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static dslab.gateway.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend that is too slow or breaks the connection gets a 5xx problem, never a stack
 * trace.
 */
class BackendFailureTest extends GatewayTestSupport {

	@Test
	void answersGatewayTimeoutWhenABackendIsTooSlow() {
		stock.holdResponses();

		Map<String, Object> problem = expectProblem(this.client.get().uri("/api/stock/SKU-1").exchange(),
				HttpStatus.GATEWAY_TIMEOUT);

		assertThat(problem.get("detail")).asString().startsWith("inventory-service did not answer in time");
	}

	@Test
	void answersBadGatewayWhenABackendDropsTheConnection() {
		payments.dropConnections();

		Map<String, Object> problem = expectProblem(this.client.get().uri("/api/payments/1").exchange(),
				HttpStatus.BAD_GATEWAY);

		assertThat(problem.get("detail")).asString().startsWith("payment-service closed the connection");
	}

}
