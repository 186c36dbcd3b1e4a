package dslab.paymentservice.payment;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dslab.paymentservice.payment.ChargeOutcome.Captured;
import dslab.paymentservice.payment.ChargeOutcome.Declined;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ProviderPolicyTests {

	private static final ProviderStub stub = ProviderStub.start();

	/** A charge no earlier call of which reached the provider. */
	private static final boolean FIRST = false;

	/** A charge an earlier call of which reached the provider. */
	private static final boolean SEEN_BEFORE = true;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ProviderPolicy policy = policy(PaymentProviderTests.settings(stub.baseUrl()));

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Test
	void retriesARefusalUntilTheChargeIsCaptured() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, 503, 503, 201);

		assertThat(charge(this.policy, orderId, FIRST)).isInstanceOf(Captured.class);
		assertThat(stub.callsFor(orderId)).hasSize(3);
		assertThat(calls("refused")).isEqualTo(2);
		assertThat(calls("captured")).isEqualTo(1);
	}

	@Test
	void pausesInsteadOfRetryingWhenTheProviderIsAtCapacity() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, ProviderStub.AT_CAPACITY, 201);
		stub.retryAfter(orderId, "1");

		assertThatExceptionOfType(ProviderSaturatedException.class)
			.isThrownBy(() -> charge(this.policy, orderId, FIRST))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
		assertThat(stub.callsFor(orderId)).hasSize(1);
		assertThat(calls("saturated")).isEqualTo(1);
		assertThat(this.policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void callsNoMoreThanItsLimitAtOnceAndPausesTheRest() throws Exception {
		ProviderSettings defaults = PaymentProviderTests.settings(stub.baseUrl());
		// A time limit longer than the slow answer: the first call ends with its charge.
		ProviderPolicy one = policy(new ProviderSettings(defaults.baseUrl(), defaults.connectTimeout(),
				Duration.ofSeconds(5), defaults.retry(), defaults.budget(), defaults.breaker(),
				new ProviderSettings.Saturation(1, Duration.ofMillis(700))));
		UUID slow = UUID.randomUUID();
		stub.answer(slow, ProviderStub.SLOW);
		var first = CompletableFuture.supplyAsync(() -> charge(one, slow, FIRST));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stub.callsFor(slow)).hasSize(1));
		UUID orderId = UUID.randomUUID();

		assertThatExceptionOfType(ProviderSaturatedException.class).isThrownBy(() -> charge(one, orderId, FIRST))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(700)));
		assertThat(stub.callsFor(orderId)).isEmpty();
		first.join();
		assertThat(charge(one, orderId, FIRST)).isInstanceOf(Captured.class);
	}

	@Test
	void neverRetriesADecline() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, 402);

		assertThat(charge(this.policy, orderId, FIRST)).isInstanceOf(Declined.class);
		assertThat(stub.callsFor(orderId)).hasSize(1);
	}

	@Test
	void neverRetriesARejectedRequest() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, 400);

		assertThatExceptionOfType(ProviderRejectedChargeException.class)
			.isThrownBy(() -> charge(this.policy, orderId, FIRST));
		assertThat(stub.callsFor(orderId)).hasSize(1);
	}

	@Test
	void endsTheDeliveryAfterMaxAttempts() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, 503);

		assertThatExceptionOfType(ChargeNotMadeException.class).isThrownBy(() -> charge(this.policy, orderId, FIRST))
			.satisfies((ex) -> {
				assertThat(ex.calls()).isEqualTo(3);
				assertThat(ex.outcomeUnknown()).isFalse();
			});
		assertThat(stub.callsFor(orderId)).hasSize(3);
	}

	@Test
	void waitsAsLongAsRetryAfterSays() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, 503, 201);
		stub.retryAfter(orderId, "1");

		assertThat(charge(this.policy, orderId, FIRST)).isInstanceOf(Captured.class);
		var calls = stub.callsFor(orderId);
		assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void handsALongRetryAfterBackToKafka() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, 503, 201);
		stub.retryAfter(orderId, "30");

		assertThatExceptionOfType(ChargeNotMadeException.class).isThrownBy(() -> charge(this.policy, orderId, FIRST))
			.satisfies((ex) -> assertThat(ex.calls()).isEqualTo(1));
	}

	@Test
	void cutsASlowCallOffAtTheTimeLimitAndKnowsTheChargeMayHaveBeenMade() {
		ProviderSettings defaults = PaymentProviderTests.settings(stub.baseUrl());
		ProviderPolicy impatient = policy(new ProviderSettings(defaults.baseUrl(), defaults.connectTimeout(),
				Duration.ofMillis(300),
				new ProviderSettings.Retry(1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2)),
				defaults.budget(), defaults.breaker(), defaults.saturation()));
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, ProviderStub.SLOW);

		long started = System.nanoTime();
		assertThatExceptionOfType(ChargeNotMadeException.class).isThrownBy(() -> charge(impatient, orderId, FIRST))
			.satisfies((ex) -> assertThat(ex.outcomeUnknown()).isTrue());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ProviderStub.SLOW_FOR);
		assertThat(this.meters.find("resilience4j.timelimiter.calls").tag("kind", "timeout").counter().count())
			.isEqualTo(1);
	}

	@Test
	void stopsRetryingWhenTheBudgetIsSpent() {
		ProviderSettings defaults = PaymentProviderTests.settings(stub.baseUrl());
		ProviderPolicy budgeted = policy(
				new ProviderSettings(defaults.baseUrl(), defaults.connectTimeout(), defaults.timeLimit(),
						new ProviderSettings.Retry(3, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(2)),
						new ProviderSettings.Budget(0.2, 0, 0.1, Duration.ofSeconds(60)),
						new ProviderSettings.Breaker(80, Duration.ofSeconds(10), 1000, Duration.ofSeconds(5), 3),
						defaults.saturation()));
		int orders = 10;
		int calls = 0;
		for (int i = 0; i < orders; i++) {
			UUID orderId = UUID.randomUUID();
			stub.answer(orderId, 503);
			assertThatExceptionOfType(ChargeNotMadeException.class).isThrownBy(() -> charge(budgeted, orderId, FIRST));
			calls += stub.callsFor(orderId).size();
		}

		// Ten first calls earn two retries: without the budget the provider would have
		// received 30 calls.
		assertThat(calls).isEqualTo(orders + 2);
		assertThat(this.meters.find("lab.payment.retry.budget").tag("decision", "granted").counter().count())
			.isEqualTo(2);
		assertThat(this.meters.find("lab.payment.retry.budget").tag("decision", "refused").counter().count())
			.isEqualTo(orders);
	}

	@Test
	void countsTheFirstCallOfARedeliveryAsARetryOnceTheProviderHasSeenTheCharge() {
		ProviderSettings defaults = PaymentProviderTests.settings(stub.baseUrl());
		ProviderPolicy noReserve = policy(
				new ProviderSettings(defaults.baseUrl(), defaults.connectTimeout(), defaults.timeLimit(),
						defaults.retry(), new ProviderSettings.Budget(0.2, 0, 0.1, Duration.ofSeconds(60)),
						defaults.breaker(), defaults.saturation()));
		UUID failing = UUID.randomUUID();
		stub.answer(failing, 503);
		assertThatExceptionOfType(ChargeNotMadeException.class).isThrownBy(() -> charge(noReserve, failing, FIRST));
		UUID orderId = UUID.randomUUID();

		assertThatExceptionOfType(ChargeNotMadeException.class)
			.isThrownBy(() -> charge(noReserve, orderId, SEEN_BEFORE))
			.satisfies((ex) -> assertThat(ex.calls()).isZero());
		assertThat(stub.callsFor(orderId)).isEmpty();
	}

	@Test
	void needsNoBudgetToCallAgainWhenNoCallReachedTheProvider() throws IOException {
		ProviderSettings defaults = PaymentProviderTests.settings("http://localhost:" + closedPort());
		ProviderPolicy noBudget = policy(new ProviderSettings(defaults.baseUrl(), defaults.connectTimeout(),
				defaults.timeLimit(), new ProviderSettings.Retry(3, Duration.ZERO, Duration.ZERO, Duration.ZERO),
				new ProviderSettings.Budget(0, 0, 0.1, Duration.ofSeconds(60)), defaults.breaker(),
				defaults.saturation()));

		assertThatExceptionOfType(ChargeNotMadeException.class)
			.isThrownBy(() -> charge(noBudget, UUID.randomUUID(), FIRST))
			.satisfies((ex) -> {
				assertThat(ex.calls()).isEqualTo(3);
				assertThat(ex.reached()).isZero();
			});
		assertThat(this.meters.find("lab.payment.retry.budget").tag("decision", "refused").counter().count()).isZero();
	}

	@Test
	void needsTheBudgetToCallAgainOnceACallReachedTheProvider() {
		ProviderSettings defaults = PaymentProviderTests.settings(stub.baseUrl());
		ProviderPolicy noBudget = policy(new ProviderSettings(defaults.baseUrl(), defaults.connectTimeout(),
				defaults.timeLimit(), new ProviderSettings.Retry(3, Duration.ZERO, Duration.ZERO, Duration.ZERO),
				new ProviderSettings.Budget(0, 0, 0.1, Duration.ofSeconds(60)), defaults.breaker(),
				defaults.saturation()));
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, 503);

		assertThatExceptionOfType(ChargeNotMadeException.class).isThrownBy(() -> charge(noBudget, orderId, FIRST))
			.satisfies((ex) -> {
				assertThat(ex.calls()).isEqualTo(1);
				assertThat(ex.reached()).isEqualTo(1);
			});
	}

	@Test
	void opensTheBreakerWhenTheProviderIsDownAndFailsFast() throws IOException {
		ProviderPolicy down = policy(breakerSettings("http://localhost:" + closedPort()));
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(ChargeNotMadeException.class)
				.isThrownBy(() -> charge(down, UUID.randomUUID(), FIRST));
		}

		assertThat(down.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThatExceptionOfType(ProviderDownException.class).isThrownBy(() -> charge(down, UUID.randomUUID(), FIRST));
		assertThat(this.meters.find("resilience4j.circuitbreaker.not.permitted.calls").counter().count()).isEqualTo(1);
	}

	@Test
	void halfOpensAfterAWhileAndClosesWhenTrialCallsSucceed() {
		ProviderPolicy breaking = policy(breakerSettings(stub.baseUrl()));
		for (int i = 0; i < 4; i++) {
			UUID failing = UUID.randomUUID();
			stub.answer(failing, 503);
			assertThatExceptionOfType(ChargeNotMadeException.class).isThrownBy(() -> charge(breaking, failing, FIRST));
		}
		assertThat(breaking.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(breaking.breakerState()).isEqualTo(CircuitBreaker.State.HALF_OPEN));
		assertThat(charge(breaking, UUID.randomUUID(), FIRST)).isInstanceOf(Captured.class);
		assertThat(charge(breaking, UUID.randomUUID(), FIRST)).isInstanceOf(Captured.class);

		assertThat(breaking.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	/** One attempt per delivery; a breaker that opens after 4 calls for 300 ms. */
	private static ProviderSettings breakerSettings(String baseUrl) {
		ProviderSettings defaults = PaymentProviderTests.settings(baseUrl);
		return new ProviderSettings(baseUrl, defaults.connectTimeout(), defaults.timeLimit(),
				new ProviderSettings.Retry(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(2)), defaults.budget(),
				new ProviderSettings.Breaker(80, Duration.ofSeconds(10), 4, Duration.ofMillis(300), 2),
				defaults.saturation());
	}

	private double calls(String outcome) {
		return this.meters.find("lab.payment.provider.calls").tag("outcome", outcome).counter().count();
	}

	private ProviderPolicy policy(ProviderSettings settings) {
		PaymentProvider provider = new PaymentProvider(RestClient.builder(), settings, PaymentProviderTests.noFaults());
		return new ProviderPolicy(provider, settings, this.meters);
	}

	private static ChargeOutcome charge(ProviderPolicy policy, UUID orderId, boolean seenBefore) {
		return policy.charge(orderId, "c-1", BigDecimal.TEN, seenBefore);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
