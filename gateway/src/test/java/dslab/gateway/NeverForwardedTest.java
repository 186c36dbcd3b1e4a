package dslab.gateway;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static dslab.gateway.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What never reaches a backend: its admin and actuator paths, and paths that would climb
 * out of their prefix once the backend normalises them.
 */
class NeverForwardedTest extends GatewayTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "/admin/faults", "/admin", "/api", "/api/ordersx", "/orders/1" })
	void answersNotFoundForPathsWithoutARoute(String path) {
		Map<String, Object> problem = expectProblem(this.client.get().uri(literal(path)).exchange(),
				HttpStatus.NOT_FOUND);

		assertThat(problem).containsEntry("title", "No route");
		assertNoBackendWasCalled();
	}

	@Test
	void neverForwardsAnAdminCommand() {
		expectProblem(this.client.post()
			.uri("/admin/faults")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"kafkaDown\":true}")
			.exchange(), HttpStatus.NOT_FOUND);

		assertNoBackendWasCalled();
	}

	@Test
	void answersActuatorPathsFromItsOwnActuatorOnly() {
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.backend")
			.doesNotExist();
		expectProblem(this.client.get().uri("/actuator/env").exchange(), HttpStatus.NOT_FOUND);

		assertNoBackendWasCalled();
	}

	static Stream<String> pathsThatClimbOutOfTheirPrefix() {
		return Stream.of("/api/orders/../../admin/faults", "/api/orders/..", "/api/stock/./SKU-1",
				"/api/orders/%2e%2e/%2e%2e/admin/faults", "/api/payments/%2E%2E/%2E%2E/actuator/env",
				"/api/stock/..%2f..%2fadmin%2ffaults", "/api/orders/..;/..;/admin/faults",
				"/api/orders/%252e%252e/%252e%252e/admin/faults", "/api/orders/..%5c..%5cadmin%5cfaults");
	}

	@ParameterizedTest
	@MethodSource("pathsThatClimbOutOfTheirPrefix")
	void rejectsPathsThatClimbOutOfTheirPrefixBeforeRouting(String path) {
		expectProblem(this.client.get().uri(literal(path)).exchange(), HttpStatus.BAD_REQUEST);

		assertNoBackendWasCalled();
	}

	@Test
	void itsOwnAnswersCarryTheRequestId() {
		Map<String, Object> problem = expectProblem(this.client.get()
			.uri("/admin/faults")
			.header(RequestIdFilter.HEADER, "trace-me-1")
			.exchange()
			.expectHeader()
			.valueEquals(RequestIdFilter.HEADER, "trace-me-1"), HttpStatus.NOT_FOUND);

		assertThat(problem).containsEntry("requestId", "trace-me-1");
	}

	private static void assertNoBackendWasCalled() {
		allBackends().forEach((backend) -> assertThat(backend.received()).as(backend + " received").isEmpty());
	}

}
