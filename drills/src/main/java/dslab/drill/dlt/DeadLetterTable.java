package dslab.drill.dlt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code ./drill dlt list} prints: a line per dead-letter topic (how many, of which
 * exceptions, how many replayed), then a row per dead letter, the newest last.
 */
final class DeadLetterTable {

	static final int KEY_WIDTH = 36;

	static final int ERROR_WIDTH = 100;

	private static final List<String> HEADINGS = List.of("DEAD LETTER", "ORIGINAL", "GROUP", "AGE", "KEY", "REPLAYED",
			"ERROR");

	private DeadLetterTable() {
	}

	/**
	 * The table.
	 * @param topics the dead-letter topics read, each listed even when empty
	 * @param letters their dead letters
	 * @param ledger what was replayed
	 * @param limit the most rows shown: the newest ones
	 * @param now the time ages are counted to
	 */
	static String format(List<String> topics, List<DeadLetter> letters, ReplayLedger ledger, int limit, Instant now) {
		StringBuilder text = new StringBuilder();
		int topicWidth = topics.stream().mapToInt(String::length).max().orElse(0);
		for (String topic : topics) {
			List<DeadLetter> ofTopic = letters.stream().filter((letter) -> letter.at().topic().equals(topic)).toList();
			text.append(String.format("%-" + topicWidth + "s %6d dead letter%s", topic, ofTopic.size(),
					(ofTopic.size() == 1) ? "" : "s"));
			if (!ofTopic.isEmpty()) {
				long replayed = ofTopic.stream().filter(ledger::replayed).count();
				text.append(String.format(", %d replayed: %s", replayed, byException(ofTopic)));
			}
			text.append(System.lineSeparator());
		}
		if (letters.isEmpty()) {
			return text.toString();
		}
		List<DeadLetter> newest = letters.stream()
			.sorted(Comparator.comparing(DeadLetter::timestamp).thenComparing((letter) -> letter.at().toString()))
			.toList();
		newest = newest.subList(Math.max(0, newest.size() - limit), newest.size());
		List<List<String>> rows = new ArrayList<>();
		rows.add(HEADINGS);
		for (DeadLetter letter : newest) {
			rows.add(row(letter, ledger, now));
		}
		text.append(System.lineSeparator()).append(columns(rows));
		if (newest.size() < letters.size()) {
			text.append(
					String.format("Showing the newest %d of %d; --limit shows more.%n", newest.size(), letters.size()));
		}
		return text.toString();
	}

	private static List<String> row(DeadLetter letter, ReplayLedger ledger, Instant now) {
		String original = letter.original().map(RecordPosition::toString).orElse("?")
				+ letter.replayOf().map((earlier) -> " (replay of " + earlier + ")").orElse("");
		String replayed = ledger.replayOf(letter)
			.map((entry) -> "yes, " + age(entry.replayedAt(), now) + " ago")
			.orElse("no");
		String error = letter.exceptionShortName()
				+ (letter.message().isBlank() ? "" : ": " + oneLine(letter.message()));
		return List.of(letter.at().toString(), original, letter.consumerGroup().orElse("?"),
				age(letter.timestamp(), now), cut((letter.keyText() != null) ? letter.keyText() : "(none)", KEY_WIDTH),
				replayed, cut(error, ERROR_WIDTH));
	}

	/**
	 * How long ago, in the largest whole unit: {@code 42s}, {@code 7m}, {@code 5h},
	 * {@code 3d}.
	 */
	static String age(Instant then, Instant now) {
		long seconds = Math.max(0, Duration.between(then, now).toSeconds());
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m";
		}
		if (seconds < 48 * 3600) {
			return (seconds / 3600) + "h";
		}
		return (seconds / 86400) + "d";
	}

	/**
	 * {@code MalformedEventException 9, InjectedRejection 3}, the most frequent first.
	 */
	private static String byException(List<DeadLetter> letters) {
		Map<String, Long> counts = letters.stream()
			.collect(Collectors.groupingBy(DeadLetter::exceptionShortName, TreeMap::new, Collectors.counting()));
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	private static String columns(List<List<String>> rows) {
		int[] widths = new int[HEADINGS.size()];
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (List<String> row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.size(); i++) {
				line.append((i < row.size() - 1) ? String.format("%-" + widths[i] + "s  ", row.get(i)) : row.get(i));
			}
			text.append(line.toString().stripTrailing()).append(System.lineSeparator());
		}
		return text.toString();
	}

	/** The first line, without the parser's location details that follow it. */
	private static String oneLine(String message) {
		return message.lines().findFirst().orElse("").strip();
	}

	static String cut(String text, int width) {
		return (text.length() <= width) ? text : text.substring(0, width - 3) + "...";
	}

}
