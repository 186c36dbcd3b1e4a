package dslab.drill.load;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How the load generator retries one order: the same request with the same
 * Idempotency-Key, exponential backoff with full jitter, never sooner than a
 * {@code Retry-After} asks.
 *
 * @param maxAttempts attempts in all, the first one included
 * @param base the backoff ceiling after the first attempt; it doubles after each one
 * @param cap the highest backoff ceiling
 * @param maxRetryAfter the longest {@code Retry-After} worth waiting for: a server that
 * asks for more is not coming back within a drill, so the request gives up instead
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, Duration maxRetryAfter) {

	/**
	 * 4 attempts; waits drawn from [0, 100 ms], [0, 200 ms], [0, 400 ms]; Retry-After up
	 * to 10 s.
	 */
	public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2),
			Duration.ofSeconds(10));

	public RetryPolicy {
		Objects.requireNonNull(base, "base");
		Objects.requireNonNull(cap, "cap");
		Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (base.isNegative() || cap.compareTo(base) < 0) {
			throw new IllegalArgumentException("Need 0 <= base <= cap, was base " + base + " and cap " + cap);
		}
	}

	public RetryPolicy withMaxAttempts(int maxAttempts) {
		return new RetryPolicy(maxAttempts, this.base, this.cap, this.maxRetryAfter);
	}

	public RetryPolicy withBackoff(Duration base, Duration cap) {
		return new RetryPolicy(this.maxAttempts, base, cap, this.maxRetryAfter);
	}

	/**
	 * The wait after attempt {@code attempt} (1-based) failed, or empty when the request
	 * should give up.
	 */
	public Optional<Duration> delayAfter(int attempt, Duration retryAfter, RandomGenerator random) {
		if (attempt >= this.maxAttempts || (retryAfter != null && retryAfter.compareTo(this.maxRetryAfter) > 0)) {
			return Optional.empty();
		}
		long ceiling = this.base.toNanos();
		for (int i = 1; i < attempt && ceiling < this.cap.toNanos(); i++) {
			ceiling *= 2;
		}
		Duration jittered = Duration.ofNanos(random.nextLong(Math.min(ceiling, this.cap.toNanos()) + 1));
		return Optional.of((retryAfter != null && retryAfter.compareTo(jittered) > 0) ? retryAfter : jittered);
	}

	/**
	 * The wait a response's {@code Retry-After} asks for, in seconds (the HTTP-date form
	 * is not used by the lab), or {@code null} if it asks for none.
	 */
	public static Duration retryAfter(HttpHeaders headers) {
		return headers.firstValue("Retry-After")
			.filter((value) -> value.matches("\\d{1,9}"))
			.map((seconds) -> Duration.ofSeconds(Long.parseLong(seconds)))
			.orElse(null);
	}

}
