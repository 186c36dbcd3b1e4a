package dslab.reliability.faults;

/**
 * An event refused on purpose, as a consumer with a bug would refuse it: unlike an
 * {@link InjectedFault} it is not retried, so the event goes to the dead-letter topic at
 * once and waits there until it is replayed after "the fix" (the knob cleared).
 */
public class InjectedRejection extends RuntimeException {

	private final Operation operation;

	InjectedRejection(Operation operation) {
		super("Injected rejection: " + operation + " refused the event on purpose");
		this.operation = operation;
	}

	public Operation operation() {
		return this.operation;
	}

}
