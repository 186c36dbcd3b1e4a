package dslab.reliability;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.envelope.MalformedEventException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnvelopeCodecTest {

	record ThingHappened(String name, int count) {
		ThingHappened {
			Objects.requireNonNull(name, "name");
			if (count < 0) {
				throw new IllegalArgumentException("count must not be negative");
			}
		}
	}

	private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build(),
			new EventCatalog(Map.of("ThingHappened", ThingHappened.class), 1, List.of()), "test-service");

	@Test
	void wrapsAndRoundTripsAnEventWithItsMetadata() {
		EventEnvelope cause = this.codec.wrap(new ThingHappened("first", 1), "k-1", "flow-1", null);
		EventEnvelope envelope = this.codec.wrap(new ThingHappened("second", 2), "k-1", "flow-1", cause);

		EventEnvelope decoded = this.codec.decode(this.codec.encode(envelope));

		assertThat(decoded).isEqualTo(envelope);
		assertThat(decoded.type()).isEqualTo("ThingHappened");
		assertThat(decoded.producer()).isEqualTo("test-service");
		assertThat(decoded.causationId()).isEqualTo(cause.eventId());
		assertThat(cause.causationId()).isNull();
		assertThat(decoded.payloadAs(ThingHappened.class)).isEqualTo(new ThingHappened("second", 2));
	}

	record AmountCharged(java.math.BigDecimal amount) {
	}

	@Test
	void keepsTheScaleAndPrecisionOfMoney() {
		EnvelopeCodec money = new EnvelopeCodec(JsonMapper.builder().build(),
				new EventCatalog(Map.of("AmountCharged", AmountCharged.class), 1, List.of()), "test-service");
		AmountCharged charged = new AmountCharged(new java.math.BigDecimal("89.00"));
		AmountCharged precise = new AmountCharged(new java.math.BigDecimal("12345678901234.17"));

		assertThat(money.decode(money.encode(money.wrap(charged, "k", "f", null))).payload()).isEqualTo(charged);
		assertThat(money.decode(money.encode(money.wrap(precise, "k", "f", null))).payload()).isEqualTo(precise);
	}

	@Test
	void encodesReadableJsonWithThePayloadNested() {
		String json = this.codec.encode(this.codec.wrap(new ThingHappened("x", 3), "k-9", "flow-9", null));

		assertThat(json).contains("\"type\":\"ThingHappened\"", "\"key\":\"k-9\"", "\"correlationId\":\"flow-9\"",
				"\"payload\":{\"name\":\"x\",\"count\":3}", "\"schemaVersion\":1");
	}

	@Test
	void refusesWhatIsNotAnEnvelope() {
		assertMalformed("not json", "Cannot decode");
		assertMalformed("[1,2]", "not a JSON object");
		assertMalformed(null, "no value");
		assertMalformed("{\"type\":\"ThingHappened\",\"schemaVersion\":1,\"payload\":{\"name\":\"x\",\"count\":1}}",
				"'eventId' is missing");
	}

	@Test
	void refusesUnknownTypesNewerSchemasAndInvalidPayloads() {
		String valid = this.codec.encode(this.codec.wrap(new ThingHappened("x", 1), "k", "f", null));

		assertMalformed(valid.replace("\"ThingHappened\"", "\"OtherThing\""), "Unknown event type 'OtherThing'");
		assertMalformed(valid.replace("\"schemaVersion\":1", "\"schemaVersion\":2"), "Unsupported schema version 2");
		assertMalformed(valid.replace("\"name\":\"x\"", "\"name\":null"), "Invalid ThingHappened: name is missing");
	}

	@Test
	void refusesAPayloadThatBreaksItsOwnContractAndSaysWhichRule() {
		String valid = this.codec.encode(this.codec.wrap(new ThingHappened("x", 1), "k", "f", null));

		assertMalformed(valid.replace("\"count\":1", "\"count\":-1"),
				"Invalid ThingHappened: count must not be negative");
		assertMalformed(valid.replace("\"name\":\"x\",", ""), "Invalid ThingHappened: name is missing");
	}

	@Test
	void refusesAFractionWhereTheContractCountsWholeUnits() {
		String valid = this.codec.encode(this.codec.wrap(new ThingHappened("x", 1), "k", "f", null));

		assertMalformed(valid.replace("\"count\":1", "\"count\":1.5"), "Cannot decode");
	}

	private void assertMalformed(String value, String message) {
		assertThatExceptionOfType(MalformedEventException.class).isThrownBy(() -> this.codec.decode(value))
			.withMessageContaining(message);
	}

}
