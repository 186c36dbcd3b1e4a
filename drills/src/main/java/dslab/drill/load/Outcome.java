package dslab.drill.load;

/** How a request ended, from the client's point of view. */
public enum Outcome {

	/** 2xx: the gateway acknowledged the order. */
	OK,

	/** 429 or 503: the system refused the work to protect itself. */
	SHED,

	/**
	 * Any other answer below 500 that is not 2xx, e.g. 400 or 422: retrying would not
	 * help.
	 */
	CLIENT_ERROR,

	/**
	 * Another 5xx, a timeout, a connection error, or a 409 (the first attempt with the
	 * Idempotency-Key is still in progress): the order may or may not exist.
	 */
	ERROR;

	/** Stands for "no answer" (timeout, connection error) where a status is expected. */
	static final int NO_RESPONSE = 0;

	public static Outcome of(int status) {
		if (status >= 200 && status < 300) {
			return OK;
		}
		if (status == 429 || status == 503) {
			return SHED;
		}
		if (status == NO_RESPONSE || status >= 500 || status == 409) {
			return ERROR;
		}
		return CLIENT_ERROR;
	}

	public boolean retryable() {
		return this == SHED || this == ERROR;
	}

}
