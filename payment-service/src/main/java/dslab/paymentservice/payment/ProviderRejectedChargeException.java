package dslab.paymentservice.payment;

/**
 * The provider rejected the charge request itself (a 4xx other than 402 and 429): this
 * service sent something the provider's API does not accept. Retrying sends the same
 * request again, so it is never retried; the event goes to the dead-letter topic for a
 * person to look at.
 */
class ProviderRejectedChargeException extends RuntimeException {

	ProviderRejectedChargeException(String message) {
		super(message);
	}

}
