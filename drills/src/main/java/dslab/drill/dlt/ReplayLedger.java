package dslab.drill.dlt;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Which dead letters have been replayed: one entry per dead letter, keyed by its position
 * ({@code order-events.DLT-3@17}), kept in the compacted topic {@value #TOPIC}. Only what
 * was sent is entered, so a dead letter that a filter left out stays replayable however
 * many replays ran past it.
 */
public final class ReplayLedger {

	/**
	 * The compacted topic that holds the ledger; {@code ./drill dlt replay} creates it.
	 */
	public static final String TOPIC = "dslab-dlt-replays";

	private final Map<String, Entry> entries;

	ReplayLedger(Map<String, Entry> entries) {
		this.entries = Map.copyOf(entries);
	}

	static ReplayLedger empty() {
		return new ReplayLedger(Map.of());
	}

	/**
	 * The last replay of this dead letter, if any. An entry for the same position in a
	 * topic that has since been deleted and created again does not count.
	 */
	public Optional<Entry> replayOf(DeadLetter letter) {
		return Optional.ofNullable(this.entries.get(letter.at().toString()))
			.filter((entry) -> entry.topicId().equals(letter.topicId()));
	}

	public boolean replayed(DeadLetter letter) {
		return replayOf(letter).isPresent();
	}

	/**
	 * One replay of a dead letter.
	 *
	 * @param topicId the id of the dead letter's topic
	 * @param replayedTo where the replayed record went
	 * @param replayedAt when
	 */
	public record Entry(String topicId, RecordPosition replayedTo, Instant replayedAt) {
	}

}
