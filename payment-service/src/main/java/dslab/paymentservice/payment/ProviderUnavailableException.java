package dslab.paymentservice.payment;

/**
 * The payment provider gave no usable answer (refused, timed out, 5xx, 429, an unexpected
 * status): whether the customer was charged is unknown, so the event is retried with the
 * same idempotency key.
 */
class ProviderUnavailableException extends RuntimeException {

	ProviderUnavailableException(String message) {
		super(message);
	}

	ProviderUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
