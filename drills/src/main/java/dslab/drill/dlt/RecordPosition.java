package dslab.drill.dlt;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a record is in Kafka, written {@code topic-partition@offset} as in the logs and
 * in the tables of {@code ./drill dlt}.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 */
public record RecordPosition(String topic, int partition, long offset) {

	private static final Pattern TEXT = Pattern.compile("(.+)-(\\d+)@(\\d+)");

	public RecordPosition {
		Objects.requireNonNull(topic, "topic");
	}

	/** Reads {@code topic-partition@offset}, as {@link #toString()} writes it. */
	public static RecordPosition parse(String text) {
		Matcher matcher = TEXT.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a record position (topic-partition@offset): '" + text + "'");
		}
		return new RecordPosition(matcher.group(1), Integer.parseInt(matcher.group(2)),
				Long.parseLong(matcher.group(3)));
	}

	@Override
	public String toString() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
