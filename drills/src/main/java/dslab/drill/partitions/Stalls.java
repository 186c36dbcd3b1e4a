package dslab.drill.partitions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The longest time any partition had records waiting and its group committed none of
 * them: what a rebalance or a dead consumer costs, seen from outside. Fed with readings
 * every 100-200 ms; a partition makes progress when its lag is 0 or its committed offset
 * grew since the previous reading. {@link #restart()} begins a new measurement (one per
 * step of a drill), keeping what each partition last did.
 */
public final class Stalls {

	private final Map<TopicPartition, Instant> lastProgress = new HashMap<>();

	private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();

	private Duration longest = Duration.ZERO;

	private TopicPartition longestPartition;

	/** Takes one reading into account. */
	public void record(Offsets offsets) {
		for (TopicPartition partition : offsets.endOffsets().keySet()) {
			long committed = offsets.committed().getOrDefault(partition, -1L);
			Long before = this.lastCommitted.put(partition, committed);
			boolean progressed = offsets.lag(partition) == 0 || (before != null && committed > before);
			if (progressed || !this.lastProgress.containsKey(partition)) {
				this.lastProgress.put(partition, offsets.at());
			}
			else {
				Duration stalled = Duration.between(this.lastProgress.get(partition), offsets.at());
				if (stalled.compareTo(this.longest) > 0) {
					this.longest = stalled;
					this.longestPartition = partition;
				}
			}
		}
	}

	/** The longest stall since the start or the last {@link #restart()}. */
	public Duration longest() {
		return this.longest;
	}

	/** The partition that stalled longest, or {@code -} if none did. */
	public String longestPartition() {
		return (this.longestPartition != null) ? this.longestPartition.toString() : "-";
	}

	/**
	 * Starts a new measurement; a stall going on now counts in it from its beginning.
	 */
	public void restart() {
		this.longest = Duration.ZERO;
		this.longestPartition = null;
	}

}
