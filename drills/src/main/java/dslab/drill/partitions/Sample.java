package dslab.drill.partitions;

import java.time.Instant;
import java.util.List;

/**
 * A consumer group's partitions at one moment, sorted by topic and partition.
 *
 * @param at when the offsets were read
 * @param rows one per partition
 */
public record Sample(Instant at, List<PartitionRow> rows) {

	public Sample {
		rows = List.copyOf(rows);
	}

	public long totalLag() {
		return this.rows.stream().mapToLong(PartitionRow::lag).sum();
	}

	public double totalRate() {
		return this.rows.stream().mapToDouble(PartitionRow::rate).sum();
	}

	/** The partition with the most lag (the first such, if several tie). */
	public PartitionRow mostLagging() {
		return this.rows.stream()
			.reduce((a, b) -> (b.lag() > a.lag()) ? b : a)
			.orElseThrow(() -> new IllegalStateException("No partitions"));
	}

}
