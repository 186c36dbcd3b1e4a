package dslab.reliability.faults;

/**
 * The operations a fault can hit. Their names are the contract the drills and
 * {@code /admin/faults} use.
 */
public enum Operation {

	/**
	 * Every HTTP request a service answers, except {@code /admin/**} and
	 * {@code /actuator/**}.
	 */
	HTTP("http"),

	/** An event handled by the inbox, before its transaction begins. */
	CONSUME("consume"),

	/**
	 * A consumer's inbox transaction, just before it commits: what a commit costs (a slow
	 * disk's flush), paid once per transaction, so once per batch for a consumer that
	 * handles a batch of events in one transaction.
	 */
	COMMIT("commit"),

	/** A batch of outbox events, before the relay sends it to Kafka. */
	PUBLISH("publish"),

	/** payment-service calling the payment provider. */
	PROVIDER_CALL("provider-call"),

	/** The payment provider handling a charge. */
	CHARGE("charge");

	/**
	 * Every name, as a pattern for validating knobs; a test keeps it in step with the
	 * constants.
	 */
	public static final String NAMES = "http|consume|commit|publish|provider-call|charge";

	private final String id;

	Operation(String id) {
		this.id = id;
	}

	/** The operation's name in knobs, metrics and logs. */
	public String id() {
		return this.id;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
