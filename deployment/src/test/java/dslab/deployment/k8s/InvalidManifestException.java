package dslab.deployment.k8s;

/** A manifest that cannot be read into its typed model, with the document and field. */
final class InvalidManifestException extends RuntimeException {

	InvalidManifestException(String message, Throwable cause) {
		super(message, cause);
	}

}
