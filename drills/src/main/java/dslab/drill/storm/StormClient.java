package dslab.drill.storm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One client of the storm: a single charge, sent again after every 503 or missing answer
 * as its backoff says, until the provider decides it or the client runs out of attempts
 * or time. It ignores {@code Retry-After} on purpose: how clients space their retries by
 * themselves is what the storm compares.
 */
public final class StormClient {

	private final HttpClient http;

	private final URI charges;

	private final String idempotencyKey;

	private final String body;

	private final Limits limits;

	/**
	 * @param http the client to send with
	 * @param charges the provider's {@code /charges}
	 * @param idempotencyKey the key of this client's charge, the same on every attempt
	 * @param body the charge, as JSON
	 * @param limits when the client gives up
	 */
	public StormClient(HttpClient http, URI charges, String idempotencyKey, String body, Limits limits) {
		this.http = Objects.requireNonNull(http, "http");
		this.charges = Objects.requireNonNull(charges, "charges");
		this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
		this.body = Objects.requireNonNull(body, "body");
		this.limits = Objects.requireNonNull(limits, "limits");
	}

	/**
	 * Charges until decided or out of attempts or time.
	 * @param waits this client's backoff
	 * @param startNanos the storm's start, by {@link System#nanoTime()}
	 * @param recoveredNanos when the provider came back, by {@link System#nanoTime()};
	 * {@link Long#MAX_VALUE} while it is down
	 */
	public ClientOutcome run(Backoff.Waits waits, long startNanos, LongSupplier recoveredNanos)
			throws InterruptedException {
		long deadline = startNanos + this.limits.deadline().toNanos();
		int afterRecovery = 0;
		for (int calls = 1;; calls++) {
			afterRecovery += (System.nanoTime() >= recoveredNanos.getAsLong()) ? 1 : 0;
			int status = send();
			long now = System.nanoTime();
			if (!ClientOutcome.retryable(status)) {
				return new ClientOutcome(calls, afterRecovery, status, false, Duration.ofNanos(now - startNanos));
			}
			Duration wait = waits.next();
			if (calls >= this.limits.maxAttempts() || now + wait.toNanos() >= deadline) {
				return new ClientOutcome(calls, afterRecovery, status, true, Duration.ofNanos(now - startNanos));
			}
			if (wait.isPositive()) {
				Thread.sleep(wait);
			}
		}
	}

	private int send() throws InterruptedException {
		try {
			return this.http
				.send(HttpRequest.newBuilder(this.charges)
					.header("Content-Type", "application/json")
					.header("Idempotency-Key", this.idempotencyKey)
					.timeout(this.limits.attemptTimeout())
					.POST(HttpRequest.BodyPublishers.ofString(this.body))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * When a client stops trying.
	 *
	 * @param maxAttempts calls in all, the first included
	 * @param deadline from the storm's start
	 * @param attemptTimeout the longest wait for one answer
	 */
	public record Limits(int maxAttempts, Duration deadline, Duration attemptTimeout) {

		public Limits {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
			}
			Objects.requireNonNull(deadline, "deadline");
			Objects.requireNonNull(attemptTimeout, "attemptTimeout");
		}

	}

}
