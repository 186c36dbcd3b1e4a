package dslab.reliability.outbox;

import java.time.Duration;

/**
 * How the outbox relay polls and publishes.
 *
 * @param pollInterval the longest an event waits when no commit wakes the relay
 * @param batchSize events read and published per round
 * @param sendTimeout how long a publish may take before it counts as failed
 * @param maxBackoff the longest pause between rounds while Kafka keeps failing
 */
public record OutboxSettings(Duration pollInterval, int batchSize, Duration sendTimeout, Duration maxBackoff) {

	public OutboxSettings {
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofMillis(500);
		batchSize = (batchSize > 0) ? batchSize : 200;
		sendTimeout = (sendTimeout != null) ? sendTimeout : Duration.ofSeconds(10);
		maxBackoff = (maxBackoff != null) ? maxBackoff : Duration.ofSeconds(10);
	}

}
