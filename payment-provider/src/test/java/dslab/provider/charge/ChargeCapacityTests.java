package dslab.provider.charge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provider's capacity limit: with two charges in progress (held there by injected
 * latency), a third is refused at once with 503 and {@code Retry-After}, stores nothing,
 * and is counted; once a charge ends, the next one is served.
 */
@SpringBootTest(properties = { "lab.provider.max-concurrent-charges=2",
		"spring.datasource.url=jdbc:h2:mem:provider-capacity-${random.uuid}"
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
@AutoConfigureMockMvc
class ChargeCapacityTests {

	private static final String ADMIN = "Bearer lab-admin-token";

	/** Long enough to look at the provider while both slots are taken. */
	private static final Duration HOLD = Duration.ofSeconds(3);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Bulkhead capacity;

	@Autowired
	private MeterRegistry meters;

	@AfterEach
	void clearFaults() {
		assertThat(this.mvc.delete().uri("/admin/faults").header(HttpHeaders.AUTHORIZATION, ADMIN))
			.hasStatus2xxSuccessful();
	}

	@Test
	void refusesChargeBeyondTheLimitWith503AndRetryAfterWithoutStoringIt() throws Exception {
		slowChargesBy(HOLD);
		double rejectedBefore = rejected();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<MockHttpServletResponse>> inProgress = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				inProgress.add(clients.submit(() -> charge(UUID.randomUUID()).getResponse()));
			}
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(this.capacity.getMetrics().getAvailableConcurrentCalls()).isZero());
			UUID refusedOrder = UUID.randomUUID();

			MvcTestResult refused = charge(refusedOrder);

			assertThat(refused).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.hasHeader(HttpHeaders.RETRY_AFTER, "1")
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused).bodyJson().isLenientlyEqualTo("""
					{"type":"urn:dslab:problem:provider-at-capacity","title":"Provider at capacity","status":503,
					 "detail":"The provider is working on its limit of 2 charges at once; retry later."}""");
			assertThat(ledgerOf(refusedOrder)).bodyJson().extractingPath("$.length()").isEqualTo(0);
			assertThat(rejected() - rejectedBefore).isEqualTo(1);
			assertThat(this.capacity.getMetrics().getAvailableConcurrentCalls())
				.as("the refused call took no permit and the two in progress still hold theirs")
				.isZero();
			for (Future<MockHttpServletResponse> charge : inProgress) {
				assertThat(charge.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(HttpStatus.CREATED.value());
			}
		}
		assertThat(charge(UUID.randomUUID())).as("the limit frees up once charges end").hasStatus(HttpStatus.CREATED);
	}

	@Test
	void servesChargesUpToTheLimitAtOnce() throws Exception {
		slowChargesBy(Duration.ofMillis(500));
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<MockHttpServletResponse>> charges = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				charges.add(clients.submit(() -> charge(UUID.randomUUID()).getResponse()));
			}
			for (Future<MockHttpServletResponse> charge : charges) {
				assertThat(charge.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(HttpStatus.CREATED.value());
			}
		}
	}

	@Test
	void exportsTheBulkheadsMetricsAndTheRefusalsFromTheStart() {
		assertThat(this.meters.get("lab.provider.rejected").tag("reason", "capacity").counter()).isNotNull();
		assertThat(this.meters.get("resilience4j.bulkhead.max.allowed.concurrent.calls")
			.tag("name", ChargeCapacityConfiguration.BULKHEAD)
			.gauge()
			.value()).isEqualTo(2);
		assertThat(this.meters.get("resilience4j.bulkhead.available.concurrent.calls")
			.tag("name", ChargeCapacityConfiguration.BULKHEAD)
			.gauge()
			.value()).isEqualTo(2);
	}

	private void slowChargesBy(Duration latency) {
		assertThat(this.mvc.post()
			.uri("/admin/faults")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"latency\":{\"charge\":{\"fixed\":\"" + latency.toMillis() + "ms\"}}}")).hasStatusOk();
	}

	private double rejected() {
		return this.meters.get("lab.provider.rejected").tag("reason", "capacity").counter().count();
	}

	private MvcTestResult charge(UUID orderId) {
		return this.mvc.post()
			.uri("/charges")
			.header(ChargeController.IDEMPOTENCY_KEY, "capacity-" + orderId)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orderId":"%s","customerId":"c-1","amount":10.00,"currency":"EUR"}""".formatted(orderId))
			.exchange();
	}

	private MvcTestResult ledgerOf(UUID orderId) {
		return this.mvc.get().uri("/charges").queryParam("orderId", orderId.toString()).exchange();
	}

}
