package dslab.reliability.faults;

/**
 * The places where an armed crash ends the process at once. Each sits between two steps
 * whose gap a reliability mechanism must survive; the names are the contract the drills
 * use.
 */
public enum CrashPoint {

	/** Outbox relay: rows committed and read, about to be sent to Kafka. */
	AFTER_DB_COMMIT_BEFORE_PUBLISH("after-db-commit-before-publish"),

	/** Inbox: the effect's transaction committed, the offset not yet committed. */
	AFTER_EFFECT_BEFORE_OFFSET_COMMIT("after-effect-before-offset-commit"),

	/** payment-service: the provider answered, the payment not yet stored. */
	AFTER_CHARGE_BEFORE_RECORD("after-charge-before-record"),

	/** payment provider: the charge committed, the response not yet sent. */
	AFTER_CHARGE_BEFORE_REPLY("after-charge-before-reply"),

	/** An idempotent request: its key locked and committed, its work not yet begun. */
	AFTER_KEY_LOCK_BEFORE_WORK("after-key-lock-before-work"),

	/**
	 * An idempotent request: its effect and its response committed with the key, the
	 * response not yet sent.
	 */
	AFTER_WORK_COMMIT_BEFORE_REPLY("after-work-commit-before-reply");

	/**
	 * Every name, as a pattern for validating knobs; a test keeps it in step with the
	 * constants.
	 */
	public static final String NAMES = "after-db-commit-before-publish|after-effect-before-offset-commit"
			+ "|after-charge-before-record|after-charge-before-reply|after-key-lock-before-work"
			+ "|after-work-commit-before-reply";

	private final String id;

	CrashPoint(String id) {
		this.id = id;
	}

	/** The crash point's name in knobs, metrics and logs. */
	public String id() {
		return this.id;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
