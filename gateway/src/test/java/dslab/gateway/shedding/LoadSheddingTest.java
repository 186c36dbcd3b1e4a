package dslab.gateway.shedding;

import java.util.Map;

import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static dslab.gateway.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At its concurrency limit the gateway refuses at once, without a backend, and in order:
 * batch first, then writes; reads keep their share, health is never refused.
 */
class LoadSheddingTest extends SheddingTestSupport {

	private static final String ORDER = "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}";

	@Test
	void answersServiceUnavailableWithRetryAfterWithoutReachingTheBackend() {
		orders.holdResponses();
		holdInFlight(orders, 10, (web) -> web.post().uri("/api/orders").bodyValue(ORDER));

		Map<String, Object> problem = expectProblem(placeOrder(null).expectHeader().valueEquals("Retry-After", "1"),
				HttpStatus.SERVICE_UNAVAILABLE);

		assertThat(problem).containsEntry("type", "urn:dslab:problem:overloaded").containsEntry("title", "Overloaded");
		assertThat(problem.get("detail")).asString().contains("limit of 10 concurrent requests");
		assertThat(orders.received()).hasSize(10);
	}

	@Test
	void keepsServingReadsAndHealthWhileWritesAreShed() {
		orders.holdResponses();
		holdInFlight(orders, 10, (web) -> web.post().uri("/api/orders").bodyValue(ORDER));

		expectProblem(placeOrder(null), HttpStatus.SERVICE_UNAVAILABLE);
		this.client.get().uri("/api/stock/SKU-1").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void shedsBatchRequestsBeforeWrites() {
		orders.holdResponses();
		holdInFlight(orders, 7,
				(web) -> web.post().uri("/api/orders").header("X-Request-Priority", "batch").bodyValue(ORDER));
		holdInFlight(orders, 3, (web) -> web.post().uri("/api/orders").bodyValue(ORDER));
		double batchShedBefore = rejections("limit", "batch");

		expectProblem(placeOrder("batch"), HttpStatus.SERVICE_UNAVAILABLE);
		expectProblem(placeOrder("sheddable"), HttpStatus.SERVICE_UNAVAILABLE);
		// Writes hold 3 of the 4 slots they keep at the limit: one more still gets in.
		holdInFlight(orders, 1, (web) -> web.post().uri("/api/orders").bodyValue(ORDER));

		await().atMost(BOUND).until(() -> rejections("limit", "batch") == batchShedBefore + 2);
		assertThat(orders.received()).hasSize(11);
	}

	@Test
	void measuresTheLimitInFlightRejectionsAndRejectionLatency() {
		orders.holdResponses();
		holdInFlight(orders, 10, (web) -> web.post().uri("/api/orders").bodyValue(ORDER));
		double shedBefore = rejections("limit", "normal");
		Timer latency = this.registry.get("lab.gateway.rejection.latency").tag("reason", "limit").timer();
		long timedBefore = latency.count();

		expectProblem(placeOrder(null), HttpStatus.SERVICE_UNAVAILABLE);

		assertThat(inFlight()).isEqualTo(10);
		assertThat(this.registry.get("lab.gateway.concurrency.limit").gauge().value()).isEqualTo(10);
		assertThat(this.registry.get("lab.gateway.shedding.mode").tag("mode", "static").gauge().value()).isEqualTo(1);
		await().atMost(BOUND).untilAsserted(() -> {
			assertThat(rejections("limit", "normal")).isEqualTo(shedBefore + 1);
			assertThat(latency.count()).isEqualTo(timedBefore + 1);
		});
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("lab_gateway_concurrency_limit", "lab_gateway_in_flight",
					"lab_gateway_rejections_total{application=\"gateway\",priority=\"normal\",reason=\"limit\"}",
					"lab_gateway_rejection_latency_seconds"));
	}

	@Test
	void releasesItsSlotsWhenTheBackendAnswers() {
		orders.holdResponses();
		holdInFlight(orders, 10, (web) -> web.post().uri("/api/orders").bodyValue(ORDER));
		expectProblem(placeOrder(null), HttpStatus.SERVICE_UNAVAILABLE);

		orders.reset();

		await().atMost(BOUND).until(() -> inFlight() == 0);
		placeOrder(null).expectStatus().isOk();
	}

	@Test
	void lowersTheAdaptiveLimitWhenTheBackendRefuses() {
		this.admission.change(Mode.ADAPTIVE, 10);
		orders.replyWith(503, Map.of("Content-Type", "application/problem+json", "Retry-After", "1"),
				"{\"title\":\"Busy\",\"status\":503}");

		for (int i = 0; i < 3; i++) {
			placeOrder(null).expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		}

		// 20, 18, 16, 14: each of the backend's own refusals, passed through, cut the
		// limit.
		await().atMost(BOUND).until(() -> this.admission.limit() == 14);
		assertThat(orders.received()).hasSize(3);
	}

	private ResponseSpec placeOrder(String priority) {
		return this.client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (priority != null) {
				headers.set("X-Request-Priority", priority);
			}
		}).bodyValue(ORDER).exchange();
	}

}
