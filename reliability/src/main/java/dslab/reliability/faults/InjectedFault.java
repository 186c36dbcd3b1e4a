package dslab.reliability.faults;

/**
 * The failure that fault injection causes on purpose: an operation hit by its error rate,
 * or a reply dropped after its work was done. Over HTTP it answers 503 with
 * {@code Retry-After: 1}, like an overloaded service would.
 */
public class InjectedFault extends RuntimeException {

	private final Operation operation;

	private final boolean replyDropped;

	InjectedFault(Operation operation, boolean replyDropped) {
		super(replyDropped ? "Injected fault: dropped the reply of " + operation + " after its work was done"
				: "Injected fault: " + operation + " failed on purpose");
		this.operation = operation;
		this.replyDropped = replyDropped;
	}

	public Operation operation() {
		return this.operation;
	}

	/** Whether the work was done and only its reply was withheld. */
	public boolean replyDropped() {
		return this.replyDropped;
	}

}
