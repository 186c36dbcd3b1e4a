package dslab.reliability.envelope;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns envelopes into the JSON that travels on the wire and back. Decoding fails with
 * {@link MalformedEventException} for anything that is not a valid envelope of a known
 * type whose payload keeps its contract (the payload records check it as they are built).
 */
public class EnvelopeCodec {

	private final JsonMapper json;

	private final EventCatalog catalog;

	private final String producer;

	public EnvelopeCodec(JsonMapper json, EventCatalog catalog, String producer) {
		// Money travels as JSON numbers: read them as BigDecimal, never through a double.
		// A count such as 1.5 is refused rather than cut down to 1.
		this.json = json.rebuild()
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.build();
		this.catalog = catalog;
		this.producer = producer;
	}

	/**
	 * A new envelope for a payload produced by this service.
	 * @param payload the event
	 * @param key the record key
	 * @param correlationId the business flow, e.g. the order id
	 * @param cause the event whose handling produced this one, or {@code null}
	 */
	public EventEnvelope wrap(Object payload, String key, String correlationId, EventEnvelope cause) {
		return new EventEnvelope(UUID.randomUUID(), this.catalog.nameOf(payload), this.catalog.schemaVersion(), key,
				null, Instant.now(), correlationId, (cause != null) ? cause.eventId() : null, this.producer, payload);
	}

	public String encode(EventEnvelope envelope) {
		return this.json.writeValueAsString(envelope);
	}

	/**
	 * The encoded envelope with its sequence number set, everything else as it was: what
	 * the relay publishes. It does not decode the payload.
	 * @param encoded an envelope as {@link #encode(EventEnvelope)} wrote it
	 * @param sequence the event's number among its topic's and key's events
	 */
	public String sequenced(String encoded, long sequence) {
		JsonNode node = this.json.readTree(encoded);
		if (!(node instanceof ObjectNode envelope)) {
			throw new MalformedEventException("Outbox envelope is not a JSON object");
		}
		envelope.put("sequence", sequence);
		return this.json.writeValueAsString(envelope);
	}

	/**
	 * The sequence number of an encoded envelope, if it has one, without decoding the
	 * rest: a dead letter's may be all that can be read of it.
	 */
	public static Long sequenceOf(String value) {
		if (value == null) {
			return null;
		}
		try {
			JsonNode sequence = JsonMapper.shared().readTree(value).path("sequence");
			return (sequence.isIntegralNumber() && sequence.asLong() >= 1) ? sequence.asLong() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	public EventEnvelope decode(String value) {
		if (value == null) {
			throw new MalformedEventException("Record has no value");
		}
		try {
			JsonNode node = this.json.readTree(value);
			if (!(node instanceof ObjectNode envelope)) {
				throw new MalformedEventException("Record value is not a JSON object");
			}
			String type = text(envelope, "type");
			int schemaVersion = envelope.path("schemaVersion").asInt(0);
			if (schemaVersion < 1 || schemaVersion > this.catalog.schemaVersion()) {
				throw new MalformedEventException("Unsupported schema version " + schemaVersion + " of " + type);
			}
			Class<?> payloadType = this.catalog.classOf(type)
				.orElseThrow(() -> new MalformedEventException("Unknown event type '" + type + "'"));
			JsonNode payloadNode = envelope.get("payload");
			if (payloadNode == null || !payloadNode.isObject()) {
				throw new MalformedEventException("Envelope of " + type + " has no payload object");
			}
			Object payload = payload(type, payloadNode, payloadType);
			JsonNode causation = envelope.get("causationId");
			return new EventEnvelope(UUID.fromString(text(envelope, "eventId")), type, schemaVersion,
					text(envelope, "key"), sequence(envelope), Instant.parse(text(envelope, "occurredAt")),
					text(envelope, "correlationId"),
					(causation == null || causation.isNull()) ? null : UUID.fromString(causation.asString()),
					text(envelope, "producer"), payload);
		}
		catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException ex) {
			throw new MalformedEventException("Cannot decode event: " + ex.getMessage(), ex);
		}
	}

	private Object payload(String type, JsonNode payload, Class<?> payloadType) {
		try {
			return this.json.treeToValue(payload, payloadType);
		}
		catch (ValueInstantiationException ex) {
			// The payload's own constructor refused it: say which rule it broke.
			String rule = switch (ex.getCause()) {
				case null -> ex.getOriginalMessage();
				case NullPointerException missing -> missing.getMessage() + " is missing";
				case Throwable refusal -> refusal.getMessage();
			};
			throw new MalformedEventException("Invalid " + type + ": " + rule, ex);
		}
	}

	private static Long sequence(JsonNode envelope) {
		JsonNode sequence = envelope.get("sequence");
		if (sequence == null || sequence.isNull()) {
			return null;
		}
		if (!sequence.isIntegralNumber() || sequence.asLong() < 1) {
			throw new MalformedEventException("Envelope field 'sequence' is not a positive whole number: " + sequence);
		}
		return sequence.asLong();
	}

	private static String text(JsonNode envelope, String field) {
		JsonNode value = envelope.get(field);
		if (value == null || !value.isString() || value.asString().isBlank()) {
			throw new MalformedEventException("Envelope field '" + field + "' is missing");
		}
		return value.asString();
	}

}
