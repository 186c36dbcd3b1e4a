package dslab.reliability.envelope;

/**
 * A record that can never be handled, however often it is retried: not JSON, not an
 * envelope, or a payload that fails its own validation. Consumers dead-letter it at once.
 */
public class MalformedEventException extends RuntimeException {

	public MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}

	public MalformedEventException(String message) {
		super(message);
	}

}
