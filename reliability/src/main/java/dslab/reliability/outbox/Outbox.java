package dslab.reliability.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: events are written to the {@code outbox} table in the same
 * database transaction as the state change that caused them, and published to Kafka later
 * by the {@link OutboxRelay}. No service ever writes to Kafka inside a business
 * transaction, so a crash between commit and publish loses nothing; a crash after publish
 * and before marking it sent publishes it again, which consumers drop by event id.
 */
public class Outbox {

	private final JdbcClient jdbc;

	private final EnvelopeCodec codec;

	private final OutboxRelay relay;

	public Outbox(JdbcClient jdbc, EnvelopeCodec codec, OutboxRelay relay) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.relay = relay;
	}

	/**
	 * Appends an event to the outbox, in the caller's transaction.
	 * @param topic where the relay publishes it
	 * @param payload the event
	 * @param key the record key
	 * @param correlationId the business flow, e.g. the order id
	 * @param cause the event whose handling produced this one, or {@code null}
	 * @return the envelope as stored
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public EventEnvelope append(String topic, Object payload, String key, String correlationId, EventEnvelope cause) {
		EventEnvelope envelope = this.codec.wrap(payload, key, correlationId, cause);
		this.jdbc.sql("""
				INSERT INTO outbox (event_id, topic, record_key, event_type, envelope, created_at)
				VALUES (:eventId, :topic, :key, :type, :envelope, :createdAt)
				""")
			.param("eventId", envelope.eventId())
			.param("topic", topic)
			.param("key", key)
			.param("type", envelope.type())
			.param("envelope", this.codec.encode(envelope))
			.param("createdAt", envelope.occurredAt().atOffset(ZoneOffset.UTC))
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.relay.wakeUp();
			}
		});
		return envelope;
	}

	/** Events appended but not yet published. */
	public long backlog() {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single();
	}

	static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
