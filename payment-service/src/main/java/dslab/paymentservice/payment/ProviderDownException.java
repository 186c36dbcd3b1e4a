package dslab.paymentservice.payment;

/**
 * The provider's circuit breaker is open, so no call was made. The consumer waits in
 * place (its partitions paused) instead of moving the event on: nothing is gained by
 * cycling it through retry topics while every call would be refused, and nothing piles
 * up.
 */
class ProviderDownException extends RuntimeException {

	ProviderDownException(String message, Throwable cause) {
		super(message, cause);
	}

}
