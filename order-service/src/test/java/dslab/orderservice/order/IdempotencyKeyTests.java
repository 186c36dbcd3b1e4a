package dslab.orderservice.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dslab.reliability.faults.FaultProperties;
import dslab.reliability.faults.Faults;
import dslab.reliability.faults.Halt;
import dslab.reliability.idempotency.IdempotencyKeySweeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Idempotency-Key contract of {@code POST /api/orders}, one test per answer, with
 * parallel requests, a process dying between the steps, expiry and scoping. The clock is
 * the test's, so lock timeouts and the 24 h expiry pass without waiting; a "crash" throws
 * out of the request at the crash point, leaving the database as a killed process would.
 */
@Import(IdempotencyKeyTests.Config.class)
class IdempotencyKeyTests extends IntegrationTest {

	private static final String REPLAYED = "Idempotent-Replayed";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Faults faults;

	@Autowired
	private MovableClock clock;

	@Autowired
	private IdempotencyKeySweeper sweeper;

	private final String customer = "c-" + UUID.randomUUID();

	@AfterEach
	void clearFaults() {
		this.faults.clear();
	}

	@Test
	void orderWithoutKeyIsRefusedAndNothingIsStored() {
		long orders = count("SELECT COUNT(*) FROM orders");

		MvcTestResult result = this.mvc.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.content(order(this.customer, "SKU-1", 1))
			.exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:dslab:problem:idempotency-key-missing");
		assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(orders);
		assertThat(count("SELECT COUNT(*) FROM idempotency_keys WHERE scope = :scope", scope())).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "with space", "slash/inside", "ключ", "quote\"d" })
	void malformedKeyIsRefusedAndNothingIsStored(String key) {
		assertThat(post(key, order(this.customer, "SKU-1", 1))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("Idempotency-Key");
		assertThat(count("SELECT COUNT(*) FROM orders WHERE customer_id = :id", this.customer)).isZero();
	}

	@Test
	void keyOfOneHundredSafeCharactersIsAccepted() {
		assertThat(post("Ab0._:-".repeat(14) + "xy", order(this.customer, "SKU-1", 1))).hasStatus(HttpStatus.ACCEPTED);
	}

	@Test
	void invalidBodyWithKeyStoresNothingSoTheKeyStaysFree() {
		assertThat(post("k-1", order(this.customer, "SKU-1", 0))).hasStatus(HttpStatus.BAD_REQUEST);

		assertThat(post("k-1", order(this.customer, "SKU-1", 1))).hasStatus(HttpStatus.ACCEPTED)
			.doesNotContainHeader(REPLAYED);
	}

	@Test
	void retryReplaysTheStoredStatusLocationAndBodyExactly() {
		MvcTestResult first = post("k-1", order(this.customer, "SKU-1", 2));
		MvcTestResult retry = post("k-1", order(this.customer, "SKU-1", 2));

		assertThat(first).hasStatus(HttpStatus.ACCEPTED).doesNotContainHeader(REPLAYED);
		assertThat(retry).hasStatus(HttpStatus.ACCEPTED)
			.hasHeader(REPLAYED, "true")
			.hasHeader(HttpHeaders.LOCATION, first.getResponse().getHeader(HttpHeaders.LOCATION))
			.hasContentType(MediaType.APPLICATION_JSON);
		assertThat(retry.getResponse().getContentAsByteArray()).isEqualTo(first.getResponse().getContentAsByteArray());
		assertThat(ordersOfCustomer()).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM outbox WHERE record_key = :id", orderId(first).toString())).isEqualTo(1);
	}

	@Test
	void retryWithTheLinesInAnotherOrderIsTheSameRequest() {
		String skus12 = """
				{"customerId": "%s", "lines": [{"sku": "SKU-1", "quantity": 1}, {"sku": "SKU-2", "quantity": 1}]}"""
			.formatted(this.customer);
		String skus21 = """
				{"lines": [{"quantity": 1, "sku": "SKU-2"}, {"sku": "SKU-1", "quantity": 1}], "customerId": "%s"}"""
			.formatted(this.customer);

		UUID first = orderId(post("k-1", skus12));

		assertThat(post("k-1", skus21)).hasStatus(HttpStatus.ACCEPTED).hasHeader(REPLAYED, "true");
		assertThat(ordersOfCustomer()).isEqualTo(1);
		assertThat(first).isNotNull();
	}

	@Test
	void sameKeyWithAnotherPayloadIsUnprocessableAndChangesNothing() {
		post("k-1", order(this.customer, "SKU-1", 1));

		MvcTestResult reused = post("k-1", order(this.customer, "SKU-1", 3));

		assertThat(reused).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:dslab:problem:idempotency-key-reused");
		assertThat(ordersOfCustomer()).isEqualTo(1);
	}

	@Test
	void sameKeyWhileTheFirstRequestIsInProgressConflicts() {
		crashAt("after-key-lock-before-work");
		assertThat(post("k-1", order(this.customer, "SKU-1", 1))).hasFailed();
		this.faults.clear();

		MvcTestResult retry = post("k-1", order(this.customer, "SKU-1", 1));

		assertThat(retry).hasStatus(HttpStatus.CONFLICT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.RETRY_AFTER, "1");
		assertThat(retry).bodyJson().extractingPath("$.type").isEqualTo("urn:dslab:problem:idempotency-key-in-use");
		assertThat(ordersOfCustomer()).isZero();
	}

	@Test
	void refusedOrderIsStoredAndReplayedAsAnError() {
		String sameSkuTwice = """
				{"customerId": "%s", "lines": [{"sku": "SKU-1", "quantity": 1}, {"sku": "SKU-1", "quantity": 2}]}"""
			.formatted(this.customer);

		MvcTestResult first = post("k-1", sameSkuTwice);
		MvcTestResult retry = post("k-1", sameSkuTwice);

		assertThat(first).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.doesNotContainHeader(REPLAYED)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("SKU SKU-1 appears on two lines");
		assertThat(retry).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT).hasHeader(REPLAYED, "true");
		assertThat(retry.getResponse().getContentAsByteArray()).isEqualTo(first.getResponse().getContentAsByteArray());
		assertThat(ordersOfCustomer()).isZero();
	}

	@Test
	void twoCustomersMayUseTheSameKeyString() {
		String other = "c-" + UUID.randomUUID();

		UUID mine = orderId(post("checkout-7", order(this.customer, "SKU-1", 1)));
		UUID theirs = orderId(post("checkout-7", order(other, "SKU-2", 5)));

		assertThat(theirs).isNotEqualTo(mine);
		assertThat(ordersOfCustomer()).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM orders WHERE customer_id = :id", other)).isEqualTo(1);
	}

	@RepeatedTest(10)
	void parallelRequestsWithOneKeyPlaceOneOrder() throws Exception {
		int clients = 12;
		String body = order(this.customer, "SKU-3", 1);
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<MvcTestResult>> calls = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			calls.add(() -> {
				start.await(10, TimeUnit.SECONDS);
				return post("k-parallel", body);
			});
		}
		List<MvcTestResult> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			List<Future<MvcTestResult>> futures = calls.stream().map(pool::submit).toList();
			start.countDown();
			for (Future<MvcTestResult> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
		}

		List<MvcTestResult> placed = results.stream()
			.filter((r) -> r.getResponse().getStatus() == 202 && r.getResponse().getHeader(REPLAYED) == null)
			.toList();
		assertThat(placed).hasSize(1);
		UUID orderId = orderId(placed.get(0));
		for (MvcTestResult result : results) {
			int status = result.getResponse().getStatus();
			assertThat(status).as("every answer is the order, a replay of it or a 409").isIn(202, 409);
			if (status == 202) {
				assertThat(orderId(result)).isEqualTo(orderId);
			}
		}
		assertThat(ordersOfCustomer()).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM outbox WHERE record_key = :id", orderId.toString())).isEqualTo(1);
	}

	@Test
	void processDyingAfterLockingTheKeyLeavesNoOrderAndTheKeyIsTakenOverAfterTheLockTimeout() {
		crashAt("after-key-lock-before-work");
		assertThat(post("k-1", order(this.customer, "SKU-1", 1))).hasFailed();
		this.faults.clear();
		assertThat(ordersOfCustomer()).isZero();
		assertThat(post("k-1", order(this.customer, "SKU-1", 1))).hasStatus(HttpStatus.CONFLICT);

		this.clock.advance(Duration.ofSeconds(10));
		MvcTestResult retry = post("k-1", order(this.customer, "SKU-1", 1));

		assertThat(retry).hasStatus(HttpStatus.ACCEPTED).doesNotContainHeader(REPLAYED);
		assertThat(ordersOfCustomer()).isEqualTo(1);
		assertThat(post("k-1", order(this.customer, "SKU-1", 1))).hasHeader(REPLAYED, "true");
		assertThat(ordersOfCustomer()).isEqualTo(1);
	}

	@Test
	void processDyingAfterCommittingBeforeReplyingHasPlacedOneOrderThatTheRetryReplays() {
		crashAt("after-work-commit-before-reply");
		assertThat(post("k-1", order(this.customer, "SKU-1", 1))).hasFailed();
		this.faults.clear();
		assertThat(ordersOfCustomer()).isEqualTo(1);
		UUID placed = this.jdbc.sql("SELECT id FROM orders WHERE customer_id = :id")
			.param("id", this.customer)
			.query(UUID.class)
			.single();

		MvcTestResult retry = post("k-1", order(this.customer, "SKU-1", 1));

		assertThat(retry).hasStatus(HttpStatus.ACCEPTED).hasHeader(REPLAYED, "true");
		assertThat(orderId(retry)).isEqualTo(placed);
		assertThat(ordersOfCustomer()).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM outbox WHERE record_key = :id", placed.toString())).isEqualTo(1);
	}

	@Test
	void keyExpiresAfterItsTimeToLiveAndTheSweeperDeletesIt() {
		post("k-1", order(this.customer, "SKU-1", 1));
		this.clock.advance(Duration.ofHours(23));
		assertThat(post("k-1", order(this.customer, "SKU-1", 2))).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);

		this.clock.advance(Duration.ofHours(1));
		assertThat(this.sweeper.sweep()).isPositive();

		assertThat(count("SELECT COUNT(*) FROM idempotency_keys WHERE scope = :scope", scope())).isZero();
		assertThat(post("k-1", order(this.customer, "SKU-1", 2))).hasStatus(HttpStatus.ACCEPTED)
			.doesNotContainHeader(REPLAYED);
		assertThat(ordersOfCustomer()).isEqualTo(2);
	}

	@Test
	void eventsAreSentByAnIdempotentProducerThatWaitsForEveryReplica(@Autowired ProducerFactory<?, ?> producers) {
		assertThat(producers.getConfigurationProperties()).containsEntry("enable.idempotence", true)
			.containsEntry("acks", "all");
	}

	private void crashAt(String crashPoint) {
		this.faults.apply(new FaultProperties(null, null, 0, Set.of(crashPoint), null, null));
	}

	private MvcTestResult post(String key, String body) {
		return this.mvc.post()
			.uri("/api/orders")
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private UUID orderId(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return UUID
			.fromString(this.json.readTree(result.getResponse().getContentAsByteArray()).get("orderId").asString());
	}

	private String scope() {
		return "customer:" + this.customer;
	}

	private long ordersOfCustomer() {
		return count("SELECT COUNT(*) FROM orders WHERE customer_id = :id", this.customer);
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private long count(String sql, Object id) {
		return this.jdbc.sql(sql).param("id", id).param("scope", id).query(Long.class).single();
	}

	private static String order(String customerId, String sku, int quantity) {
		return """
				{"customerId": "%s", "lines": [{"sku": "%s", "quantity": %d}]}""".formatted(customerId, sku, quantity);
	}

	/**
	 * A clock the tests move, and a crash that throws out of the request instead of
	 * halting the JVM.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now());
		}

		@Bean
		Halt throwingHalt() {
			return (status) -> {
				throw new SimulatedCrash();
			};
		}

	}

	/** What a killed process leaves: the request ends here, nothing after runs. */
	static final class SimulatedCrash extends Error {

		SimulatedCrash() {
			super("simulated crash", null, false, false);
		}

	}

	/** A clock the test moves forward by hand. */
	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
