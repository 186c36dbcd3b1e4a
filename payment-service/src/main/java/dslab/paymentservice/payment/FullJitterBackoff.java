package dslab.paymentservice.payment;

import java.time.Duration;
import java.util.random.RandomGenerator;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;

/**
 * Exponential backoff with full jitter, for Resilience4j's retry: the pause before retry
 * n is drawn uniformly from {@code [0, min(cap, base * 2^(n-1))]}, so callers that failed
 * together do not come back together (AWS Architecture Blog, "Exponential Backoff and
 * Jitter"). A provider's {@code Retry-After} is a floor. Resilience4j's own randomized
 * backoff only spreads the pause by a factor below one around the exponential value,
 * which is not full jitter.
 */
class FullJitterBackoff implements IntervalBiFunction<ChargeOutcome> {

	private final long baseMillis;

	private final long capMillis;

	private final RandomGenerator random;

	FullJitterBackoff(Duration base, Duration cap, RandomGenerator random) {
		this.baseMillis = base.toMillis();
		this.capMillis = cap.toMillis();
		this.random = random;
	}

	/** The largest pause before retry {@code retry} (1 for the first). */
	long ceiling(int retry) {
		int doublings = Math.min(Math.max(retry - 1, 0), 30);
		return Math.min(this.capMillis, this.baseMillis << doublings);
	}

	@Override
	public Long apply(Integer retry, Either<Throwable, ChargeOutcome> lastAttempt) {
		long pause = this.random.nextLong(ceiling(retry) + 1);
		if (lastAttempt.isLeft() && lastAttempt.getLeft() instanceof ProviderUnavailableException unavailable
				&& unavailable.retryAfter() != null) {
			return Math.max(pause, unavailable.retryAfter().toMillis());
		}
		return pause;
	}

}
