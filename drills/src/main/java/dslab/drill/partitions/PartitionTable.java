package dslab.drill.partitions;

import java.util.Locale;

/** A sample as a text table, one line per partition and a total. */
public final class PartitionTable {

	private PartitionTable() {
	}

	public static String render(String group, Sample sample) {
		int ownerWidth = Math.max(5, sample.rows().stream().mapToInt((row) -> row.owner().length()).max().orElse(5));
		int topicWidth = Math.max(5, sample.rows().stream().mapToInt((row) -> row.topic().length()).max().orElse(5));
		String format = "%-" + topicWidth + "s %4s  %-" + ownerWidth + "s %10s %10s %7s %9s%n";
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "group %s at %s%n", group, sample.at()));
		table.append(
				String.format(Locale.ROOT, format, "TOPIC", "PART", "OWNER", "END", "COMMITTED", "LAG", "RATE(/s)"));
		for (PartitionRow row : sample.rows()) {
			table.append(String.format(Locale.ROOT, format, row.topic(), row.partition(), row.owner(), row.endOffset(),
					(row.committed() >= 0) ? String.valueOf(row.committed()) : "-", row.lag(),
					String.format(Locale.ROOT, "%.1f", row.rate())));
		}
		table.append(String.format(Locale.ROOT, format, "total", "", "", "", "", sample.totalLag(),
				String.format(Locale.ROOT, "%.1f", sample.totalRate())));
		return table.toString();
	}

}
