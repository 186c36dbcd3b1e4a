package dslab.drill.storm;

import java.time.Duration;

/**
 * How one storm client ended.
 *
 * @param calls the calls it made to the provider, the first one included
 * @param callsAfterRecovery of which sent once the provider was back
 * @param status the status of its last answer, 0 if that call got none
 * @param gaveUp whether it stopped without the provider's decision (out of attempts or
 * time)
 * @param elapsed from the storm's start until it ended
 */
public record ClientOutcome(int calls, int callsAfterRecovery, int status, boolean gaveUp, Duration elapsed) {

	/** The provider decided the charge: 201 captured or 402 declined. */
	public boolean decided() {
		return !this.gaveUp && (this.status == 201 || this.status == 402);
	}

	/** The provider took the money. */
	public boolean captured() {
		return this.status == 201;
	}

	/** Whether the answer is one to try again: refused for now (503) or none at all. */
	static boolean retryable(int status) {
		return status == 503 || status == 0;
	}

}
