package dslab.paymentservice.payment;

import java.time.Duration;

/**
 * One call to the payment provider gave no usable answer: refused, timed out, 5xx, 429.
 * It may heal, so it is retried. Whether the customer was charged is known only when the
 * provider said it did not process the request (429, 503) or the request never left
 * (refused connection); otherwise (a timeout, another 5xx) the charge may have been made,
 * and only a later answer under the same idempotency key tells.
 */
class ProviderUnavailableException extends RuntimeException {

	private final boolean certainlyNotCharged;

	private final boolean reachedProvider;

	private final Duration retryAfter;

	private ProviderUnavailableException(String message, Throwable cause, boolean certainlyNotCharged,
			boolean reachedProvider, Duration retryAfter) {
		super(message, cause);
		this.certainlyNotCharged = certainlyNotCharged;
		this.reachedProvider = reachedProvider;
		this.retryAfter = retryAfter;
	}

	/** The provider refused the request unprocessed, maybe saying when to come back. */
	static ProviderUnavailableException refused(String message, Duration retryAfter) {
		return new ProviderUnavailableException(message, null, true, true, retryAfter);
	}

	/** The request never reached the provider. */
	static ProviderUnavailableException notSent(String message, Throwable cause) {
		return new ProviderUnavailableException(message, cause, true, false, null);
	}

	/** The request may have been processed: no answer, or an answer that says nothing. */
	static ProviderUnavailableException outcomeUnknown(String message, Throwable cause) {
		return new ProviderUnavailableException(message, cause, false, true, null);
	}

	boolean certainlyNotCharged() {
		return this.certainlyNotCharged;
	}

	/**
	 * Whether the provider received the request: a call it never received adds nothing to
	 * its load, so calling again is not a retry for the retry budget.
	 */
	boolean reachedProvider() {
		return this.reachedProvider;
	}

	/** How long the provider asked to wait, or {@code null}. */
	Duration retryAfter() {
		return this.retryAfter;
	}

}
