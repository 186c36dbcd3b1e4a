package dslab.drill.audit;

/**
 * A service's audit snapshot could not be had: unreachable, refused, or not the document
 * the contract promises. The message names the URL.
 */
public class SnapshotUnavailableException extends RuntimeException {

	SnapshotUnavailableException(String message) {
		super(message);
	}

	SnapshotUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
