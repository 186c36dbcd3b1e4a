package dslab.drill.storm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One storm client against an in-test provider: what it retries, with which key, and when
 * it stops.
 */
class StormClientTest {

	private static final StormClient.Limits LIMITS = new StormClient.Limits(50, Duration.ofSeconds(10),
			Duration.ofSeconds(2));

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient http = HttpClient.newHttpClient();

	private final Queue<String> keys = new ConcurrentLinkedQueue<>();

	private HttpServer provider;

	@AfterEach
	void stop() {
		this.provider.stop(0);
		this.executor.close();
		this.http.close();
	}

	@Test
	void retriesRefusalsWithTheSameKeyIgnoringRetryAfterUntilTheProviderDecides() throws Exception {
		start((call) -> (call <= 3) ? 503 : 402);

		ClientOutcome outcome = client(LIMITS).run(waits(Backoff.NONE), System.nanoTime(), () -> Long.MAX_VALUE);

		assertThat(outcome.calls()).isEqualTo(4);
		assertThat(outcome.status()).isEqualTo(402);
		assertThat(outcome.decided()).isTrue();
		assertThat(outcome.elapsed()).as("Retry-After: 30 was not waited for").isLessThan(Duration.ofSeconds(5));
		assertThat(this.keys).hasSize(4).containsOnly("storm-key");
	}

	@Test
	void countsTheCallsSentOnceTheProviderWasBack() throws Exception {
		start((call) -> (call <= 5) ? 503 : 402);
		AtomicInteger sent = new AtomicInteger();
		long recoveredAt = System.nanoTime();

		// The provider counts as back from the third call on.
		ClientOutcome outcome = client(LIMITS).run(waits(Backoff.NONE), recoveredAt,
				() -> (sent.incrementAndGet() >= 3) ? recoveredAt : Long.MAX_VALUE);

		assertThat(outcome.calls()).isEqualTo(6);
		assertThat(outcome.callsAfterRecovery()).isEqualTo(4);
	}

	@Test
	void givesUpAfterItsLastAttempt() throws Exception {
		start((call) -> 503);

		ClientOutcome outcome = client(new StormClient.Limits(5, Duration.ofSeconds(10), Duration.ofSeconds(2)))
			.run(waits(Backoff.NONE), System.nanoTime(), () -> Long.MAX_VALUE);

		assertThat(outcome.calls()).isEqualTo(5);
		assertThat(outcome.gaveUp()).isTrue();
		assertThat(outcome.decided()).isFalse();
	}

	@Test
	void givesUpRatherThanWaitPastItsDeadline() throws Exception {
		start((call) -> 503);
		long start = System.nanoTime();

		ClientOutcome outcome = client(new StormClient.Limits(50, Duration.ofMillis(1_000), Duration.ofSeconds(2))).run(
				Backoff.EXPONENTIAL.waits(Duration.ofMillis(100), Duration.ofMillis(400), new SplittableRandom(1)),
				start, () -> Long.MAX_VALUE);

		// Waits of 100, 200 and 400 ms fit in the second; the next 400 ms would not.
		assertThat(outcome.calls()).isEqualTo(4);
		assertThat(outcome.gaveUp()).isTrue();
		assertThat(outcome.elapsed()).isLessThan(Duration.ofMillis(1_000));
	}

	@Test
	void takesAnyOtherAnswerAsFinal() throws Exception {
		start((call) -> 422);

		ClientOutcome outcome = client(LIMITS).run(waits(Backoff.NONE), System.nanoTime(), () -> Long.MAX_VALUE);

		assertThat(outcome.calls()).isEqualTo(1);
		assertThat(outcome.gaveUp()).isFalse();
		assertThat(outcome.decided()).isFalse();
	}

	private void start(IntUnaryOperator statusOfCall) throws IOException {
		AtomicInteger calls = new AtomicInteger();
		this.provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
		this.provider.setExecutor(this.executor);
		this.provider.createContext("/charges", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			this.keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
			exchange.getResponseHeaders().set("Retry-After", "30");
			exchange.sendResponseHeaders(statusOfCall.applyAsInt(calls.incrementAndGet()), -1);
			exchange.close();
		});
		this.provider.start();
	}

	private StormClient client(StormClient.Limits limits) {
		URI charges = URI.create("http://" + this.provider.getAddress().getHostString() + ":"
				+ this.provider.getAddress().getPort() + "/charges");
		return new StormClient(this.http, charges, "storm-key", "{}", limits);
	}

	private static Backoff.Waits waits(Backoff backoff) {
		return backoff.waits(Duration.ofMillis(100), Duration.ofSeconds(1), new SplittableRandom(1));
	}

}
