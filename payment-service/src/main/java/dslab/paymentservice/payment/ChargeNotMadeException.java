package dslab.paymentservice.payment;

/**
 * One delivery's calls to the provider ended without an answer: retries used up, the
 * retry budget spent, or a {@code Retry-After} too long to wait in place. The event is
 * delivered again later through a retry topic.
 */
class ChargeNotMadeException extends RuntimeException {

	private final int calls;

	private final int reached;

	private final boolean outcomeUnknown;

	/**
	 * @param message what happened
	 * @param cause the last failure
	 * @param calls calls made in this delivery
	 * @param reached those the provider received
	 * @param outcomeUnknown whether one of them may have charged the customer
	 */
	ChargeNotMadeException(String message, Throwable cause, int calls, int reached, boolean outcomeUnknown) {
		super(message, cause);
		this.calls = calls;
		this.reached = reached;
		this.outcomeUnknown = outcomeUnknown;
	}

	int calls() {
		return this.calls;
	}

	int reached() {
		return this.reached;
	}

	boolean outcomeUnknown() {
		return this.outcomeUnknown;
	}

}
