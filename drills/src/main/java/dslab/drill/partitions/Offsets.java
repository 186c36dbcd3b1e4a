package dslab.drill.partitions;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * One reading of a consumer group's partitions, as Kafka's AdminClient tells them.
 *
 * @param at when it was read
 * @param endOffsets each partition's end offset (the next offset a producer writes)
 * @param committed the group's committed offset per partition; absent where it never
 * committed
 * @param owners the member that holds each assigned partition; absent where none does
 */
public record Offsets(Instant at, Map<TopicPartition, Long> endOffsets, Map<TopicPartition, Long> committed,
		Map<TopicPartition, String> owners) {

	public Offsets {
		endOffsets = Map.copyOf(endOffsets);
		committed = Map.copyOf(committed);
		owners = Map.copyOf(owners);
	}

	/**
	 * Records written and not yet committed by the group; a partition it never committed
	 * counts from offset 0.
	 */
	public long lag(TopicPartition partition) {
		return Math.max(0, this.endOffsets.getOrDefault(partition, 0L) - this.committed.getOrDefault(partition, 0L));
	}

}
