package dslab.reliability.inbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.Consumer;

import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.faults.CrashPoint;
import dslab.reliability.faults.Faults;
import dslab.reliability.faults.Operation;
import dslab.reliability.ordering.KeyPositions;
import dslab.reliability.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
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
		return handle(consumer, record, event, effect, true);
	}

	private boolean handle(String consumer, ConsumerRecord<?, ?> record, EventEnvelope event,
			Consumer<EventEnvelope> effect, boolean drawFaults) {
		return handle(consumer, event, (handled) -> {
			this.positions.handled(consumer, record, handled);
			effect.accept(handled);
		}, drawFaults);
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
		return handle(consumer, event, effect, true);
	}

	/**
	 * @param drawFaults whether the {@code consume} faults are drawn: not when a batch
	 * handles again events that already passed them in this delivery, so that an event's
	 * injected failure is drawn once per delivery, as for a record listener
	 */
	private boolean handle(String consumer, EventEnvelope event, Consumer<EventEnvelope> effect, boolean drawFaults) {
		try (MDC.MDCCloseable ignored = MDC.putCloseable(CORRELATION_ID, event.correlationId())) {
			if (drawFaults) {
				this.faults.inject(Operation.CONSUME);
			}
			boolean[] ownTransaction = new boolean[1];
			Boolean applied = this.transactions.execute((status) -> {
				ownTransaction[0] = status.isNewTransaction();
				boolean first = record(consumer, event, effect);
				if (ownTransaction[0]) {
					this.faults.inject(Operation.COMMIT);
				}
				return first;
			});
			boolean firstTime = Boolean.TRUE.equals(applied);
			// In a batch's transaction the crash point and the count wait for the batch's
			// commit.
			if (ownTransaction[0]) {
				this.faults.crashPoint(CrashPoint.AFTER_EFFECT_BEFORE_OFFSET_COMMIT);
			}
			AfterCommit.run(() -> count(consumer, event, firstTime));
			return firstTime;
		}
	}

	/**
	 * Handles the records of one poll, each through
	 * {@link #handle(String, ConsumerRecord, EventEnvelope, Consumer)}, with one database
	 * transaction per run of records from the same partition when {@code together}, else
	 * one per record. When an event of a run fails, the run's transaction keeps nothing;
	 * the events before it are handled again and kept, and the failed one is thrown as a
	 * {@link BatchListenerFailedException}: the listener's error handler commits the
	 * offsets before it, retries or dead-letters it, and redelivers the rest. A bad event
	 * never takes the others with it, and its failure is not drawn again (an injected
	 * rejection stays a rejection).
	 * @param consumer the consumer's name, which is also its Kafka consumer group
	 * @param records the poll's records, in the order Kafka gave them
	 * @param decode turns a record's value into its event; may throw
	 * {@code MalformedEventException}
	 * @param effect what handling an event does to this service's state
	 * @param together whether a partition's run of records shares one transaction
	 */
	public void handleBatch(String consumer, List<? extends ConsumerRecord<?, String>> records,
			Function<String, EventEnvelope> decode, Consumer<EventEnvelope> effect, boolean together) {
		int start = 0;
		while (start < records.size()) {
			int end = start + 1;
			while (end < records.size() && records.get(end).partition() == records.get(start).partition()) {
				end++;
			}
			List<? extends ConsumerRecord<?, String>> run = records.subList(start, end);
			if (together && run.size() > 1) {
				handleTogether(consumer, run, decode, effect, true);
			}
			else {
				handleOneByOne(consumer, run, decode, effect, true);
			}
			start = end;
		}
	}

	private void handleTogether(String consumer, List<? extends ConsumerRecord<?, String>> run,
			Function<String, EventEnvelope> decode, Consumer<EventEnvelope> effect, boolean drawFaults) {
		int[] reached = new int[1];
		try {
			this.transactions.executeWithoutResult((status) -> {
				for (ConsumerRecord<?, String> record : run) {
					handle(consumer, record, decode.apply(record.value()), effect, drawFaults);
					reached[0]++;
				}
				this.faults.inject(Operation.COMMIT);
			});
		}
		catch (RuntimeException ex) {
			if (reached[0] == run.size()) {
				logger.warn("The commit of a batch of {} events from {}-{} failed ({}); handling them one by one",
						run.size(), run.get(0).topic(), run.get(0).partition(), ex.toString());
				handleOneByOne(consumer, run, decode, effect, false);
				return;
			}
			ConsumerRecord<?, String> failed = run.get(reached[0]);
			logger.warn("Event {} of a batch of {} from {}-{} failed ({}); keeping the ones before it", reached[0] + 1,
					run.size(), failed.topic(), failed.partition(), ex.toString());
			if (reached[0] > 0) {
				handleTogether(consumer, run.subList(0, reached[0]), decode, effect, false);
			}
			throw new BatchListenerFailedException(ex.getMessage(), ex, failed);
		}
		this.faults.crashPoint(CrashPoint.AFTER_EFFECT_BEFORE_OFFSET_COMMIT);
	}

	private void handleOneByOne(String consumer, List<? extends ConsumerRecord<?, String>> run,
			Function<String, EventEnvelope> decode, Consumer<EventEnvelope> effect, boolean drawFaults) {
		for (ConsumerRecord<?, String> record : run) {
			try {
				handle(consumer, record, decode.apply(record.value()), effect, drawFaults);
			}
			catch (RuntimeException ex) {
				throw new BatchListenerFailedException(ex.getMessage(), ex, record);
			}
		}
	}

	private boolean record(String consumer, EventEnvelope event, Consumer<EventEnvelope> effect) {
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
	}

	private void count(String consumer, EventEnvelope event, boolean firstTime) {
		this.meters
			.counter("lab.inbox.events", "consumer", consumer, "type", event.type(), "outcome",
					firstTime ? "processed" : "duplicate")
			.increment();
		if (!firstTime) {
			logger.info("Dropped duplicate {} {} (already handled by {})", event.type(), event.eventId(), consumer);
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
