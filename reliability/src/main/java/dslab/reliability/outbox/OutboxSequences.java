package dslab.reliability.outbox;

import java.util.Comparator;
import java.util.List;

import dslab.reliability.envelope.EnvelopeCodec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives outbox rows their per-key sequence numbers as the relay is about to publish them
 * for the first time, in publish order, and stores each number in its row (column and
 * envelope) before anything is sent, so a resend after a crash carries the same number.
 * <p>
 * Numbers are given here rather than when a business transaction appends the event: every
 * instance appends, so a counter written then would need a lock across instances on a hot
 * key's counter in every business transaction; the relay, one per service, is the only
 * writer of {@code outbox_sequences}. The counter row is still locked while a number is
 * given, so a second relay (a paused one that lost its lease) waits and then finds the
 * row numbered: a row gets one number, ever.
 */
class OutboxSequences {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final EnvelopeCodec codec;

	OutboxSequences(JdbcClient jdbc, TransactionTemplate transactions, EnvelopeCodec codec) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.codec = codec;
	}

	/**
	 * Numbers the rows of the batch that have no number yet, in the batch's order, in one
	 * transaction.
	 * @return the batch with every row numbered, in the order to publish it: by sequence,
	 * so each key's events go out in their numbers' order
	 */
	List<PendingEvent> number(List<PendingEvent> batch) {
		if (batch.stream().allMatch((event) -> event.sequence() != null)) {
			return batch;
		}
		List<PendingEvent> numbered = this.transactions.execute(
				(status) -> batch.stream().map((event) -> (event.sequence() != null) ? event : number(event)).toList());
		return numbered.stream()
			.sorted(Comparator.comparingLong(PendingEvent::sequence).thenComparingLong(PendingEvent::id))
			.toList();
	}

	private PendingEvent number(PendingEvent event) {
		this.jdbc.sql("""
				INSERT INTO outbox_sequences (topic, record_key, last_sequence) VALUES (:topic, :key, 0)
				ON CONFLICT DO NOTHING
				""").param("topic", event.topic()).param("key", event.key()).update();
		long last = this.jdbc
			.sql("SELECT last_sequence FROM outbox_sequences WHERE topic = :topic AND record_key = :key FOR UPDATE")
			.param("topic", event.topic())
			.param("key", event.key())
			.query(Long.class)
			.single();
		// Another relay may have numbered the row while this one waited for the counter.
		PendingEvent current = this.jdbc
			.sql("SELECT id, topic, record_key, envelope, sequence FROM outbox WHERE id = :id FOR UPDATE")
			.param("id", event.id())
			.query(PendingEvent::map)
			.single();
		if (current.sequence() != null) {
			return current;
		}
		long sequence = last + 1;
		String envelope = this.codec.sequenced(event.envelope(), sequence);
		this.jdbc
			.sql("UPDATE outbox_sequences SET last_sequence = :sequence WHERE topic = :topic AND record_key = :key")
			.param("sequence", sequence)
			.param("topic", event.topic())
			.param("key", event.key())
			.update();
		this.jdbc.sql("UPDATE outbox SET sequence = :sequence, envelope = :envelope WHERE id = :id")
			.param("sequence", sequence)
			.param("envelope", envelope)
			.param("id", event.id())
			.update();
		return new PendingEvent(event.id(), event.topic(), event.key(), envelope, sequence);
	}

}
