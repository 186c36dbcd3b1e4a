package dslab.reliability.ordering;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks that a consumer sees each key's events in the order the relay numbered them,
 * none missing: one row per consumer, topic and key in {@code key_positions} holds the
 * last sequence number handled, written only by the consumer that owns the key's
 * partition, inside the inbox transaction of the event (so a rolled-back event moves
 * nothing). For an event the inbox has not seen before:
 * <ul>
 * <li>the next number: in order;</li>
 * <li>a higher one: a <b>gap</b>, counting the numbers skipped;</li>
 * <li>a lower one: <b>out of order</b> (a lower number already handled is a duplicate,
 * which the inbox drops before it gets here).</li>
 * </ul>
 * Two ways of arriving late are deliberate and not violations: an event the consumer
 * dead-lettered moves the position on as it goes to the dead-letter topic
 * ({@code dead-lettered}), and its replay, which comes after later events, is counted as
 * {@code replayed} (it carries {@link #REPLAY_HEADER}, or the original-topic header of a
 * retry topic). Events without a number (written before numbers existed) are not checked.
 */
public class KeyPositions {

	/**
	 * The header {@code ./drill dlt replay} puts on a replayed dead letter (the drills'
	 * {@code DeadLetter.REPLAY_OF}).
	 */
	public static final String REPLAY_HEADER = "dslab-dlt-replay-of";

	private static final Logger logger = LoggerFactory.getLogger(KeyPositions.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	public KeyPositions(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.meters = meters;
	}

	/**
	 * Checks a newly handled event against its key's position and moves the position on,
	 * in the caller's transaction.
	 * @param consumer the inbox consumer
	 * @param record the record the event came in
	 * @param event the decoded event; not checked if it has no sequence number
	 * @return what the event was, in its key's sequence
	 */
	public Verdict handled(String consumer, ConsumerRecord<?, ?> record, EventEnvelope event) {
		if (event.sequence() == null) {
			return Verdict.UNNUMBERED;
		}
		return record(consumer, topicOf(record), event.key(), event.sequence(), arrivesLate(record), false);
	}

	/**
	 * Moves the key's position past an event the consumer gives up on and dead-letters,
	 * in a transaction of its own, so that the next event is in order and the replay
	 * counts as {@code replayed}. Called on the listener's thread, which knows its group:
	 * the group is the inbox consumer's name.
	 * @param record the record about to be dead-lettered
	 */
	public void deadLettered(ConsumerRecord<?, ?> record) {
		String consumer = KafkaUtils.getConsumerGroupId();
		Long sequence = (record.value() instanceof String value) ? EnvelopeCodec.sequenceOf(value) : null;
		if (consumer == null || sequence == null || record.key() == null) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> record(consumer, topicOf(record), record.key().toString(),
				sequence, arrivesLate(record), true));
	}

	/** Per consumer and topic, how its keys' events arrived, from the table. */
	public List<OrderingCounts> counts() {
		return this.jdbc.sql("""
				SELECT consumer, topic, COUNT(*) AS keys, COALESCE(SUM(gaps), 0) AS gaps,
				       COALESCE(SUM(out_of_order), 0) AS out_of_order,
				       COALESCE(SUM(dead_lettered), 0) AS dead_lettered, COALESCE(SUM(replayed), 0) AS replayed
				FROM key_positions
				GROUP BY consumer, topic
				ORDER BY consumer, topic
				""")
			.query((rs, row) -> new OrderingCounts(rs.getString("consumer"), rs.getString("topic"), rs.getLong("keys"),
					rs.getLong("gaps"), rs.getLong("out_of_order"), rs.getLong("dead_lettered"), rs.getLong("replayed"),
					keysOutOfLine(rs.getString("consumer"), rs.getString("topic"))))
			.list();
	}

	private List<String> keysOutOfLine(String consumer, String topic) {
		return this.jdbc.sql("""
				SELECT record_key FROM key_positions
				WHERE consumer = :consumer AND topic = :topic AND (gaps > 0 OR out_of_order > 0)
				ORDER BY record_key
				LIMIT 10
				""").param("consumer", consumer).param("topic", topic).query(String.class).list();
	}

	private Verdict record(String consumer, String topic, String key, long sequence, boolean late,
			boolean deadLettered) {
		this.jdbc.sql("""
				INSERT INTO key_positions (consumer, topic, record_key, last_sequence, updated_at)
				VALUES (:consumer, :topic, :key, 0, :now)
				ON CONFLICT DO NOTHING
				""")
			.param("consumer", consumer)
			.param("topic", topic)
			.param("key", key)
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.update();
		long last = this.jdbc.sql("""
				SELECT last_sequence FROM key_positions
				WHERE consumer = :consumer AND topic = :topic AND record_key = :key
				FOR UPDATE
				""").param("consumer", consumer).param("topic", topic).param("key", key).query(Long.class).single();
		Verdict verdict = Verdict.of(last, sequence, late, deadLettered);
		this.jdbc.sql("""
				UPDATE key_positions
				SET last_sequence = :last, gaps = gaps + :gaps, out_of_order = out_of_order + :outOfOrder,
				    dead_lettered = dead_lettered + :deadLettered, replayed = replayed + :replayed, updated_at = :now
				WHERE consumer = :consumer AND topic = :topic AND record_key = :key
				""")
			.param("last", Math.max(last, sequence))
			.param("gaps", verdict.missing())
			.param("outOfOrder", (verdict.kind() == Kind.OUT_OF_ORDER) ? 1 : 0)
			.param("deadLettered", deadLettered ? 1 : 0)
			.param("replayed", (verdict.kind() == Kind.REPLAYED) ? 1 : 0)
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.param("consumer", consumer)
			.param("topic", topic)
			.param("key", key)
			.update();
		if (verdict.isViolation()) {
			logger.warn("{} saw {} #{} of key {} after #{}: {}", consumer, topic, sequence, key, last,
					verdict.describe());
		}
		AfterCommit.run(() -> count(consumer, topic, verdict, deadLettered));
		return verdict;
	}

	private void count(String consumer, String topic, Verdict verdict, boolean deadLettered) {
		if (verdict.missing() > 0) {
			this.meters.counter("lab.ordering.violations", "consumer", consumer, "topic", topic, "kind", "gap")
				.increment(verdict.missing());
		}
		if (verdict.kind() == Kind.OUT_OF_ORDER) {
			this.meters.counter("lab.ordering.violations", "consumer", consumer, "topic", topic, "kind", "out-of-order")
				.increment();
		}
		if (deadLettered || verdict.kind() == Kind.REPLAYED) {
			this.meters
				.counter("lab.ordering.late", "consumer", consumer, "topic", topic, "kind",
						deadLettered ? "dead-lettered" : "replayed")
				.increment();
		}
	}

	/**
	 * The topic the producer numbered the event on: a retry topic's record names it in a
	 * header, a replayed dead letter is back on it.
	 */
	static String topicOf(ConsumerRecord<?, ?> record) {
		Header original = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
		return (original != null) ? new String(original.value(), StandardCharsets.UTF_8) : record.topic();
	}

	private static boolean arrivesLate(ConsumerRecord<?, ?> record) {
		return record.headers().lastHeader(REPLAY_HEADER) != null
				|| record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC) != null;
	}

	/** What an event was in its key's sequence. */
	public enum Kind {

		/** The next number, or no number to check. */
		IN_ORDER,

		/** Higher than the next: events in between never arrived (yet). */
		GAP,

		/** Lower than the next but not handled before: it arrived after later events. */
		OUT_OF_ORDER,

		/** Lower than the next, arriving late on purpose: a replay or a retry. */
		REPLAYED

	}

	/**
	 * The outcome of one check.
	 *
	 * @param kind what the event was
	 * @param missing how many numbers a gap skipped (0 otherwise)
	 */
	public record Verdict(Kind kind, long missing) {

		static final Verdict UNNUMBERED = new Verdict(Kind.IN_ORDER, 0);

		/**
		 * The rule: next is in order, higher is a gap, lower is out of order unless it
		 * arrives late on purpose.
		 * @param last the last number handled for the key, 0 for none
		 * @param sequence the event's number
		 * @param late whether it is a replay or a retry
		 * @param deadLettered whether it is being dead-lettered rather than handled
		 */
		static Verdict of(long last, long sequence, boolean late, boolean deadLettered) {
			if (sequence == last + 1) {
				return new Verdict(Kind.IN_ORDER, 0);
			}
			if (sequence > last + 1) {
				return new Verdict(Kind.GAP, sequence - last - 1);
			}
			if (deadLettered) {
				// A late event given up on moves nothing; it is counted as dead-lettered.
				return new Verdict(Kind.IN_ORDER, 0);
			}
			return new Verdict(late ? Kind.REPLAYED : Kind.OUT_OF_ORDER, 0);
		}

		boolean isViolation() {
			return this.kind == Kind.GAP || this.kind == Kind.OUT_OF_ORDER;
		}

		String describe() {
			return switch (this.kind) {
				case GAP -> this.missing + " event(s) missing";
				case OUT_OF_ORDER -> "out of order";
				default -> "in order";
			};
		}

	}

}
