package dslab.reliability.inbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.faults.CrashPoint;
import dslab.reliability.faults.Faults;
import dslab.reliability.faults.Operation;
import dslab.reliability.ordering.KeyPositions;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent-consumer inbox: a consumer's effect and the record that it handled an
 * event commit in one database transaction. A redelivered event (the relay published it
 * twice, or the consumer died before committing its offset) finds its id already recorded
 * and changes nothing.
 */
public class Inbox {

	/**
	 * The MDC key under which log lines carry the flow's correlation id (the order id).
	 */
	public static final String CORRELATION_ID = "correlationId";

	private static final Logger logger = LoggerFactory.getLogger(Inbox.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Faults faults;

	private final KeyPositions positions;

	public Inbox(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters, Faults faults,
			KeyPositions positions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.meters = meters;
		this.faults = faults;
		this.positions = positions;
	}

	/**
	 * Applies {@code effect} to an event received from Kafka unless this consumer has
	 * handled it before, and checks, in the same transaction, that it is the next of its
	 * key's sequence ({@link KeyPositions}).
	 * @param consumer the consumer's name, which is also its Kafka consumer group, e.g.
	 * {@code inventory-service}
	 * @param record the record the event came in: its topic, and whether it is a replay
	 * @param event the event received, decoded from the record
	 * @param effect what handling the event does to this service's state
	 * @return {@code true} if the effect was applied, {@code false} for a duplicate
	 */
	public boolean handle(String consumer, ConsumerRecord<?, ?> record, EventEnvelope event,
			Consumer<EventEnvelope> effect) {
		return handle(consumer, event, (handled) -> {
			this.positions.handled(consumer, record, handled);
			effect.accept(handled);
		});
	}

	/**
	 * Applies {@code effect} to the event unless this consumer has handled it before. The
	 * effect runs inside the transaction that records the event id; if it throws, neither
	 * is kept. Its order is not checked: for events that did not come from a topic.
	 * @param consumer the consumer's name, e.g. {@code inventory-service}
	 * @param event the event received
	 * @param effect what handling the event does to this service's state
	 * @return {@code true} if the effect was applied, {@code false} for a duplicate
	 */
	public boolean handle(String consumer, EventEnvelope event, Consumer<EventEnvelope> effect) {
		try (MDC.MDCCloseable ignored = MDC.putCloseable(CORRELATION_ID, event.correlationId())) {
			this.faults.inject(Operation.CONSUME);
			Boolean applied = this.transactions.execute((status) -> {
				int inserted = this.jdbc.sql("""
						INSERT INTO inbox (consumer, event_id, event_type, processed_at)
						VALUES (:consumer, :eventId, :type, :now)
						ON CONFLICT DO NOTHING
						""")
					.param("consumer", consumer)
					.param("eventId", event.eventId())
					.param("type", event.type())
					.param("now", OffsetDateTime.now(ZoneOffset.UTC))
					.update();
				if (inserted == 0) {
					this.jdbc
						.sql("UPDATE inbox SET redeliveries = redeliveries + 1"
								+ " WHERE consumer = :consumer AND event_id = :eventId")
						.param("consumer", consumer)
						.param("eventId", event.eventId())
						.update();
					return false;
				}
				effect.accept(event);
				return true;
			});
			this.faults.crashPoint(CrashPoint.AFTER_EFFECT_BEFORE_OFFSET_COMMIT);
			boolean firstTime = Boolean.TRUE.equals(applied);
			this.meters
				.counter("lab.inbox.events", "consumer", consumer, "type", event.type(), "outcome",
						firstTime ? "processed" : "duplicate")
				.increment();
			if (!firstTime) {
				logger.info("Dropped duplicate {} {} (already handled by {})", event.type(), event.eventId(), consumer);
			}
			return firstTime;
		}
	}

	/**
	 * How many events this consumer has handled, and how many redeliveries it dropped.
	 */
	public Counts counts(String consumer) {
		return this.jdbc
			.sql("SELECT COUNT(*) AS processed, COALESCE(SUM(redeliveries), 0) AS duplicates FROM inbox"
					+ " WHERE consumer = :consumer")
			.param("consumer", consumer)
			.query((rs, row) -> new Counts(rs.getLong("processed"), rs.getLong("duplicates")))
			.single();
	}

	/**
	 * What a consumer has done since the inbox began, from the inbox table, so it
	 * survives restarts.
	 *
	 * @param processed events handled
	 * @param duplicates redeliveries dropped
	 */
	public record Counts(long processed, long duplicates) {
	}

}
