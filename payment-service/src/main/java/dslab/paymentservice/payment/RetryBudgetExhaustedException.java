package dslab.paymentservice.payment;

/** A retry the {@link RetryBudget} refused: it was not made. */
class RetryBudgetExhaustedException extends RuntimeException {

	RetryBudgetExhaustedException(String message) {
		super(message, null, false, false);
	}

}
