package dslab.paymentservice.payment;

/**
 * One delivery's calls to the provider ended without an answer: retries used up, the
 * retry budget spent, or a {@code Retry-After} too long to wait in place. The event is
 * delivered again later through a retry topic.
 */
class ChargeNotMadeException extends RuntimeException {

	private final int calls;

	private final boolean outcomeUnknown;

	/**
	 * @param message what happened
	 * @param cause the last failure
	 * @param calls calls that reached for the provider in this delivery
	 * @param outcomeUnknown whether one of them may have charged the customer
	 */
	ChargeNotMadeException(String message, Throwable cause, int calls, boolean outcomeUnknown) {
		super(message, cause);
		this.calls = calls;
		this.outcomeUnknown = outcomeUnknown;
	}

	int calls() {
		return this.calls;
	}

	boolean outcomeUnknown() {
		return this.outcomeUnknown;
	}

}
