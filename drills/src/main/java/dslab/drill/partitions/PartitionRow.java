package dslab.drill.partitions;

/**
 * One partition of a consumer group at one moment.
 *
 * @param topic the topic
 * @param partition the partition number
 * @param owner the member holding it (Kafka client id, plus the host when it is not this
 * machine), or {@code -} when no member does
 * @param endOffset the partition's end offset
 * @param committed the group's committed offset, or -1 if it never committed one
 * @param lag records written and not yet committed
 * @param rate records per second the group committed since the previous sample (0 for the
 * first)
 */
public record PartitionRow(String topic, int partition, String owner, long endOffset, long committed, long lag,
		double rate) {

}
