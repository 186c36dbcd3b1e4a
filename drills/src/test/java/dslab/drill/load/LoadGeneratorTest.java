package dslab.drill.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dslab.drill.load.StubGateway.Answer;
import dslab.drill.load.StubGateway.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class LoadGeneratorTest {

	private static final RetryPolicy QUICK_RETRIES = RetryPolicy.DEFAULT.withBackoff(Duration.ofMillis(1),
			Duration.ofMillis(5));

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@Test
	void keepsTheTargetRateAndRecordsEveryAcknowledgedOrder() {
		try (StubGateway gateway = StubGateway.accepting()) {
			LoadResult result = run(LoadSettings.of(gateway.uri(), 200, Duration.ofSeconds(2)));

			assertThat(result.sent()).isCloseTo(400, within(5L));
			assertThat(result.skipped()).isZero();
			assertThat(result.achievedRate()).isCloseTo(200, within(20.0));
			assertThat(result.count(Outcome.OK)).isEqualTo(result.sent());
			assertThat(result.acknowledgedOrderIds()).hasSize((int) result.sent()).doesNotHaveDuplicates();
			List<Received> received = gateway.received();
			assertThat(received).hasSize((int) result.sent())
				.allSatisfy((request) -> assertThat(request.method()).isEqualTo("POST"));
			assertThat(received.stream().map(Received::idempotencyKey).distinct()).hasSize(received.size());
			long first = received.stream().mapToLong(Received::atNanos).min().orElseThrow();
			long inFirstSecond = received.stream()
				.filter((request) -> request.atNanos() - first < TimeUnit.SECONDS.toNanos(1))
				.count();
			assertThat(inFirstSecond).isCloseTo(200, within(50L));
			assertThat(printed()).contains("1s  sent ").contains("p99").contains(result.sent() + " sent in");
		}
	}

	@Test
	void requestsSentDuringAServerStallCountTheStallInTheirLatency() {
		AtomicInteger arrivals = new AtomicInteger();
		AtomicLong stalledAt = new AtomicLong();
		AtomicLong resumedAt = new AtomicLong();
		CountDownLatch resumed = new CountDownLatch(1);
		// The 20th request (about 0.2 s in) stops the world for 500 ms, like a long GC
		// pause: nothing is answered until it ends.
		try (StubGateway gateway = StubGateway.answering((request, attempt) -> {
			if (arrivals.incrementAndGet() == 20) {
				stalledAt.set(System.nanoTime());
				CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(() -> {
					resumedAt.set(System.nanoTime());
					resumed.countDown();
				});
			}
			if (stalledAt.get() != 0) {
				resumed.await(5, TimeUnit.SECONDS);
			}
			return Answer.accepted();
		})) {
			LoadResult result = run(LoadSettings.of(gateway.uri(), 100, Duration.ofMillis(1500)));

			assertThat(result.count(Outcome.OK)).isEqualTo(result.sent()).isEqualTo(150);
			long sentDuringStall = gateway.received()
				.stream()
				.filter((request) -> request.atNanos() > stalledAt.get() && request.atNanos() < resumedAt.get())
				.count();
			// About 50 on a quiet machine; a closed loop would send none.
			assertThat(sentDuringStall).as("requests kept coming during the stall").isGreaterThanOrEqualTo(10);
			long slow = result.requests()
				.stream()
				.filter((request) -> request.latency().compareTo(Duration.ofMillis(250)) >= 0)
				.count();
			assertThat(slow).as("requests that waited out at least half the stall").isGreaterThanOrEqualTo(20);
			assertThat(result.latency().p90()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
			assertThat(result.latency().max()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
		}
	}

	@Test
	void requestsTheGeneratorItselfSentLateCountTheDelayFromTheirIntendedTime() {
		AtomicInteger orders = new AtomicInteger();
		CountDownLatch resumed = new CountDownLatch(1);
		// Making the 10th order (due at 90 ms) takes 300 ms, like a pause in the client's
		// own JVM: the requests due meanwhile go out late, and their latency must say so.
		OrderMix pausingOnce = (random) -> {
			if (orders.incrementAndGet() == 10) {
				CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(resumed::countDown);
				try {
					resumed.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return ShopMix.DEFAULT.next(random);
		};
		try (StubGateway gateway = StubGateway.accepting()) {
			LoadResult result = run(LoadSettings.of(gateway.uri(), 100, Duration.ofSeconds(1)).withMix(pausingOnce));

			assertThat(result.sent()).isEqualTo(100);
			// Due from 90 to 190 ms, sent at 390 ms or later.
			assertThat(result.requests().subList(9, 20))
				.allSatisfy((request) -> assertThat(request.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(150)));
		}
	}

	@Test
	void retriesWithTheSameKeyAndBodyNoSoonerThanRetryAfterSays() {
		try (StubGateway gateway = StubGateway.answering((request, attempt) -> (attempt == 1)
				? Answer.status(503).withHeader("Retry-After", "1") : Answer.accepted())) {
			LoadResult result = run(LoadSettings.of(gateway.uri(), 20, Duration.ofMillis(500)));

			assertThat(result.requests()).hasSize(10).allSatisfy((request) -> {
				assertThat(request.outcome()).isEqualTo(Outcome.OK);
				assertThat(request.status()).isEqualTo(202);
				assertThat(request.attempts()).isEqualTo(2);
				assertThat(request.orderId()).isNotNull();
				assertThat(request.unknownOutcome()).isFalse();
				assertThat(request.latency()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			});
			assertThat(result.retries()).isEqualTo(10);
			assertThat(gateway.receivedByKey()).hasSize(10)
				.containsOnlyKeys(result.requests().stream().map(RequestResult::idempotencyKey).toList())
				.allSatisfy((key, attempts) -> {
					assertThat(attempts).hasSize(2);
					assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
					assertThat(Math.abs(attempts.get(1).atNanos() - attempts.get(0).atNanos()))
						.isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
				});
		}
	}

	@Test
	void doesNotRetryClientErrors() {
		try (StubGateway gateway = StubGateway.answering((request, attempt) -> Answer.status(400))) {
			LoadResult result = run(LoadSettings.of(gateway.uri(), 20, Duration.ofMillis(250)));

			assertThat(result.requests()).hasSize(5).allSatisfy((request) -> {
				assertThat(request.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
				assertThat(request.status()).isEqualTo(400);
				assertThat(request.attempts()).isOne();
				assertThat(request.acknowledged()).isFalse();
				assertThat(request.unknownOutcome()).isFalse();
			});
			assertThat(gateway.received()).hasSize(5);
		}
	}

	@ParameterizedTest
	@CsvSource({ "429, SHED", "503, SHED", "500, ERROR", "502, ERROR" })
	void retriesShedAndServerErrorsUntilTheAttemptsRunOut(int status, Outcome outcome) {
		try (StubGateway gateway = StubGateway.answering((request, attempt) -> Answer.status(status))) {
			LoadResult result = run(LoadSettings.of(gateway.uri(), 20, Duration.ofMillis(250))
				.withRetry(QUICK_RETRIES.withMaxAttempts(3)));

			assertThat(result.requests()).hasSize(5).allSatisfy((request) -> {
				assertThat(request.outcome()).isEqualTo(outcome);
				assertThat(request.status()).isEqualTo(status);
				assertThat(request.attempts()).isEqualTo(3);
				assertThat(request.unknownOutcome()).as("the gateway answered every attempt").isFalse();
			});
			assertThat(gateway.receivedByKey()).hasSize(5)
				.allSatisfy((key, attempts) -> assertThat(attempts).hasSize(3));
		}
	}

	@Test
	void aRequestThatTimesOutHasAnUnknownOutcome() {
		try (StubGateway gateway = StubGateway.answering((request, attempt) -> Answer.NONE)) {
			LoadResult result = run(LoadSettings.of(gateway.uri(), 20, Duration.ofMillis(250))
				.withRequestTimeout(Duration.ofMillis(500))
				.withRetry(QUICK_RETRIES.withMaxAttempts(2)));

			assertThat(result.requests()).hasSize(5).allSatisfy((request) -> {
				assertThat(request.outcome()).isEqualTo(Outcome.ERROR);
				assertThat(request.status()).isZero();
				assertThat(request.attempts()).isEqualTo(2);
				assertThat(request.unknownOutcome()).isTrue();
				assertThat(request.latency()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			});
			List<String> keys = result.unknownOutcomes().stream().map(RequestResult::idempotencyKey).toList();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(gateway.receivedByKey()).containsOnlyKeys(keys)
					.allSatisfy((key, attempts) -> assertThat(attempts).hasSize(2)));
		}
	}

	@Test
	void anUnansweredAttemptLeavesTheOutcomeUnknownEvenIfALaterOneIsShed() {
		try (StubGateway gateway = StubGateway
			.answering((request, attempt) -> (attempt == 1) ? Answer.NONE : Answer.status(503))) {
			LoadResult result = run(LoadSettings.of(gateway.uri(), 20, Duration.ofMillis(100))
				.withRequestTimeout(Duration.ofMillis(500))
				.withRetry(QUICK_RETRIES.withMaxAttempts(2)));

			assertThat(result.requests()).hasSize(2).allSatisfy((request) -> {
				assertThat(request.outcome()).isEqualTo(Outcome.SHED);
				assertThat(request.unknownOutcome()).isTrue();
			});
		}
	}

	@Test
	void aGatewayThatCannotBeReachedLeavesTheOutcomeUnknown() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		LoadResult result = run(
				LoadSettings.of(URI.create("http://127.0.0.1:" + closedPort), 20, Duration.ofMillis(250))
					.withRetry(QUICK_RETRIES.withMaxAttempts(2)));

		assertThat(result.requests()).hasSize(5).allSatisfy((request) -> {
			assertThat(request.outcome()).isEqualTo(Outcome.ERROR);
			assertThat(request.status()).isZero();
			assertThat(request.attempts()).isEqualTo(2);
			assertThat(request.unknownOutcome()).isTrue();
		});
		assertThat(result.count(Outcome.OK)).isZero();
	}

	@Test
	void skipsWhatTheInFlightCapDoesNotLetStart() {
		try (StubGateway gateway = StubGateway.answering((request, attempt) -> Answer.NONE)) {
			LoadResult result = run(LoadSettings.of(gateway.uri(), 100, Duration.ofMillis(300))
				.withMaxInFlight(5)
				.withRequestTimeout(Duration.ofSeconds(1))
				.withRetry(RetryPolicy.DEFAULT.withMaxAttempts(1)));

			assertThat(result.sent()).isEqualTo(5);
			assertThat(result.skipped()).isEqualTo(25);
			assertThat(gateway.maxInFlight()).isLessThanOrEqualTo(5);
			assertThat(result.unknownOutcomes()).hasSize(5);
			assertThat(printed()).contains("skipped 25 (in-flight cap 5)");
		}
	}

	private LoadResult run(LoadSettings settings) {
		return new LoadGenerator(settings, new PrintStream(this.output, true, StandardCharsets.UTF_8)).run();
	}

	private String printed() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

}
