package dslab.provider.charge;

/**
 * A known idempotency key came with a request other than the one it was first used for.
 */
class IdempotencyKeyReusedException extends RuntimeException {

	IdempotencyKeyReusedException(String idempotencyKey) {
		super("Idempotency key '" + idempotencyKey + "' was already used for a different request;"
				+ " use a new key for a new charge.");
	}

}
