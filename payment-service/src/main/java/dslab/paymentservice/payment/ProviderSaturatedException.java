package dslab.paymentservice.payment;

import java.time.Duration;

/**
 * The provider is at its capacity (it answered 429, or 503 "provider at capacity"), or
 * this service already has as many calls in flight as it allows itself: no charge was
 * made. The consumer pauses its partitions for {@link #retryAfter()} and delivers the
 * event again, instead of piling up calls or cycling the event through retry topics.
 */
class ProviderSaturatedException extends RuntimeException {

	private final Duration retryAfter;

	ProviderSaturatedException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/** How long to pause before the next delivery. */
	Duration retryAfter() {
		return this.retryAfter;
	}

}
