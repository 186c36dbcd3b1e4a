package dslab.drill.dlt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTest {

	@Test
	void readsWhereTheRecordCameFromAndWhyItFailedFromTheRecoverersHeaders() {
		DeadLetter letter = Letters.malformed("order-events", 3, 1042);

		assertThat(letter.original()).hasValue(new RecordPosition("order-events", 3, 1042));
		assertThat(letter.originalTopic()).hasValue("order-events");
		assertThat(letter.consumerGroup()).hasValue("inventory-service");
		assertThat(letter.exception()).isEqualTo("dslab.reliability.envelope.MalformedEventException");
		assertThat(letter.exceptionShortName()).isEqualTo("MalformedEventException");
		assertThat(letter.message()).isEqualTo("Unknown event type 'OrderShipped'");
	}

	@Test
	void takesTheFirstOriginAfterRetryTopicsAndTheLastError() {
		DeadLetter letter = Letters.letter(new RecordPosition("inventory-events", 2, 7),
				"dslab.reliability.envelope.MalformedEventException", "last error",
				Letters.text("kafka_dlt-original-topic", "inventory-events"));
		List<Header> headers = new java.util.ArrayList<>(letter.headers());
		headers.add(Letters.text("kafka_dlt-original-topic", "inventory-events.payment-service.retry-1000"));
		DeadLetter afterRetries = new DeadLetter(letter.at(), letter.topicId(), letter.timestamp(), letter.key(),
				letter.value(), headers);

		assertThat(afterRetries.originalTopic()).hasValue("inventory-events");
	}

	@Test
	void readsTheHeadersOfARetryTopicsDeadLetterToo() {
		List<Header> headers = List.of(Letters.text("kafka_original-topic", "inventory-events"),
				new RecordHeader("kafka_original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(3).array()),
				new RecordHeader("kafka_original-offset", ByteBuffer.allocate(Long.BYTES).putLong(17).array()),
				Letters.text("kafka_dlt-original-consumer-group", "payment-service"),
				Letters.text("kafka_exception-fqcn",
						"org.springframework.kafka.listener.ListenerExecutionFailedException"),
				Letters.text("kafka_exception-cause-fqcn", "dslab.reliability.envelope.MalformedEventException"),
				Letters.text("kafka_exception-message", "Listener failed; Cannot decode event"),
				Letters.text("retry_topic-attempts", "1"));
		DeadLetter letter = new DeadLetter(new RecordPosition("inventory-events.payment-service.DLT", 3, 0),
				Letters.TOPIC_ID, Letters.NOW, null, Letters.bytes("{not an event"), headers);

		assertThat(letter.original()).hasValue(new RecordPosition("inventory-events", 3, 17));
		assertThat(letter.consumerGroup()).hasValue("payment-service");
		assertThat(letter.exceptionShortName()).isEqualTo("MalformedEventException");
		assertThat(letter.message()).isEqualTo("Cannot decode event");
		assertThat(letter.replayHeaders()).extracting(Header::key).containsExactly(DeadLetter.REPLAY_OF);
	}

	@Test
	void matchesAnExceptionFilterOnTheClassInAnyCase() {
		DeadLetter letter = Letters.rejected("payment-events", 0, 5);

		assertThat(letter.failedWith("injectedrejection")).isTrue();
		assertThat(letter.failedWith("dslab.reliability.faults")).isTrue();
		assertThat(letter.failedWith("Malformed")).isFalse();
		assertThat(letter.failedWith("consume refused")).as("the message is not the class").isFalse();
	}

	@Test
	void aReplayKeepsTheOriginalHeadersDropsTheDeadLetterOnesAndNamesItsDeadLetter() {
		DeadLetter letter = Letters.letter(new RecordPosition("order-events", 1, 20), "x.Boom", "boom",
				Letters.text("traceparent", "00-abc-def-01"), Letters.text("retry_topic-attempts", "3"),
				Letters.text(DeadLetter.REPLAY_OF, "order-events.DLT-1@0"));

		List<Header> replay = letter.replayHeaders();

		assertThat(replay).extracting(Header::key).containsExactly("traceparent", DeadLetter.REPLAY_OF);
		assertThat(new String(replay.get(1).value(), StandardCharsets.UTF_8)).isEqualTo(letter.at().toString());
	}

	@Test
	void saysWhichDeadLetterARecordWasReplayedFrom() {
		DeadLetter again = Letters.letter(new RecordPosition("order-events", 1, 90), "x.Boom", "boom",
				Letters.text(DeadLetter.REPLAY_OF, "order-events.DLT-1@2"));

		assertThat(again.replayOf()).hasValue(new RecordPosition("order-events.DLT", 1, 2));
		assertThat(Letters.malformed("order-events", 1, 2).replayOf()).isEmpty();
	}

	@Test
	void writesAndReadsRecordPositionsOfTopicsWithDashesAndDots() {
		RecordPosition position = new RecordPosition("inventory-events.payment-service.retry-1000", 11, 123456789L);

		assertThat(RecordPosition.parse(position.toString())).isEqualTo(position);
		assertThat(position).hasToString("inventory-events.payment-service.retry-1000-11@123456789");
	}

}
