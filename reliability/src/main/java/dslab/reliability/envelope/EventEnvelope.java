package dslab.reliability.envelope;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every topic: an event with the metadata a consumer needs to deduplicate
 * it ({@code eventId}), route it ({@code type}, {@code key}) and trace it
 * ({@code correlationId}, {@code causationId}, {@code producer}). Serialized as JSON,
 * readable with a console consumer.
 *
 * @param eventId unique per event; consumers record it to drop redeliveries
 * @param type the payload's type name, e.g. {@code OrderPlaced}
 * @param schemaVersion the version of the payload's schema
 * @param key the Kafka record key; events with one key keep their order
 * @param sequence the event's place among the events of its topic and key (1, 2, 3, ...),
 * given by the outbox relay as it first publishes it, so consumers can check they see a
 * key's events in order and none missing; {@code null} until then, and in events written
 * before sequences existed
 * @param occurredAt when the producing service decided the event
 * @param correlationId the business flow the event belongs to (the order id in the saga)
 * @param causationId the event whose handling produced this one, or {@code null} for a
 * first event
 * @param producer the service that produced the event
 * @param payload the event itself
 */
public record EventEnvelope(UUID eventId, String type, int schemaVersion, String key, Long sequence, Instant occurredAt,
		String correlationId, UUID causationId, String producer, Object payload) {

	public EventEnvelope {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(correlationId, "correlationId");
		Objects.requireNonNull(producer, "producer");
		Objects.requireNonNull(payload, "payload");
		if (sequence != null && sequence < 1) {
			throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
		}
	}

	/** The payload if it is of the given type; for code that handles one type only. */
	public <T> T payloadAs(Class<T> type) {
		return type.cast(this.payload);
	}

}
