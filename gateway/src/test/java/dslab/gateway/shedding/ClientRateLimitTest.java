package dslab.gateway.shedding;

import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import dslab.gateway.GatewayTestSupport;

import static dslab.gateway.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each client has its own quota (here 3 requests a minute); past it, 429 with Retry-After
 * and the IETF RateLimit fields, and the backend is never asked.
 */
@TestPropertySource(
		properties = { "lab.gateway.shedding.client-rate.limit=3", "lab.gateway.shedding.client-rate.period=60s" })
class ClientRateLimitTest extends GatewayTestSupport {

	private static final String POLICY = "\"per-client\";q=3;w=60";

	@Autowired
	MeterRegistry registry;

	@Test
	void reportsTheQuotaLeftOnEveryAnswer() {
		String client = newClient();

		for (int remaining = 2; remaining >= 0; remaining--) {
			String expected = "\"per-client\";r=" + remaining + ";t=";
			read(client).expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("RateLimit-Policy", POLICY)
				.expectHeader()
				.value("RateLimit", (value) -> assertThat(value).startsWith(expected));
		}
	}

	@Test
	void answersTooManyRequestsOnceAClientHasUsedItsQuota() {
		String client = newClient();
		for (int i = 0; i < 3; i++) {
			read(client).expectStatus().isOk();
		}

		Map<String, Object> problem = expectProblem(
				read(client).expectHeader()
					.valueEquals("RateLimit-Policy", POLICY)
					.expectHeader()
					.value("RateLimit",
							(value) -> assertThat(value).matches("\"per-client\";r=0;t=([1-9]|[1-5][0-9]|60)"))
					.expectHeader()
					.value("Retry-After", (value) -> assertThat(Integer.parseInt(value)).isBetween(1, 60)),
				HttpStatus.TOO_MANY_REQUESTS);

		assertThat(problem).containsEntry("type", "urn:dslab:problem:rate-limited");
		assertThat(stock.received()).hasSize(3);
	}

	@Test
	void keepsAQuotaPerClient() {
		String greedy = newClient();
		for (int i = 0; i < 3; i++) {
			read(greedy).expectStatus().isOk();
		}
		expectProblem(read(greedy), HttpStatus.TOO_MANY_REQUESTS);

		read(newClient()).expectStatus().isOk();
	}

	@Test
	void takesTheRemoteAddressForAClientWithoutAnId() {
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/payments/1").exchange().expectStatus().isOk();
		}

		expectProblem(this.client.get().uri("/api/payments/1").exchange(), HttpStatus.TOO_MANY_REQUESTS);
		// A malformed id counts as no id.
		expectProblem(this.client.get().uri("/api/payments/1").header("X-Client-Id", "two words").exchange(),
				HttpStatus.TOO_MANY_REQUESTS);
		assertThat(payments.received()).hasSize(3);
	}

	@Test
	void neverLimitsHealthOrMetrics() {
		String client = newClient();
		for (int i = 0; i < 6; i++) {
			this.client.get()
				.uri("/actuator/health/readiness")
				.header("X-Client-Id", client)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.doesNotExist("RateLimit");
		}
		read(client).expectStatus().isOk();
	}

	@Test
	void countsRateRejectionsByPriority() {
		String client = newClient();
		double before = this.registry.get("lab.gateway.rejections")
			.tag("reason", "rate")
			.tag("priority", "critical")
			.counter()
			.count();
		for (int i = 0; i < 3; i++) {
			read(client).expectStatus().isOk();
		}

		expectProblem(read(client), HttpStatus.TOO_MANY_REQUESTS);

		await().atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.registry.get("lab.gateway.rejections")
				.tag("reason", "rate")
				.tag("priority", "critical")
				.counter()
				.count()).isEqualTo(before + 1));
	}

	private ResponseSpec read(String client) {
		return this.client.get().uri("/api/stock/SKU-1").header("X-Client-Id", client).exchange();
	}

	private static String newClient() {
		return "client-" + UUID.randomUUID();
	}

}
