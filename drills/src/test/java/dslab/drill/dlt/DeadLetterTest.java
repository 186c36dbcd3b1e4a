package dslab.drill.dlt;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.Header;
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
