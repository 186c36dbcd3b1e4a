package dslab.drill.dlt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Dead letters as Spring Kafka's dead-letter recoverer writes them, for tests that need
 * no broker.
 */
final class Letters {

	static final String TOPIC_ID = "topic-id-1";

	static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	private Letters() {
	}

	/**
	 * A dead letter of {@code <original topic>.DLT}, same partition, that failed with the
	 * exception (wrapped as a listener's exception is).
	 */
	static DeadLetter letter(RecordPosition original, String exception, String message, Header... more) {
		List<Header> headers = new ArrayList<>(List.of(more));
		headers.add(text("kafka_dlt-original-topic", original.topic()));
		headers.add(new RecordHeader("kafka_dlt-original-partition",
				ByteBuffer.allocate(Integer.BYTES).putInt(original.partition()).array()));
		headers.add(new RecordHeader("kafka_dlt-original-offset",
				ByteBuffer.allocate(Long.BYTES).putLong(original.offset()).array()));
		headers.add(text("kafka_dlt-original-consumer-group", "inventory-service"));
		headers.add(text("kafka_dlt-exception-fqcn",
				"org.springframework.kafka.listener.ListenerExecutionFailedException"));
		headers.add(text("kafka_dlt-exception-cause-fqcn", exception));
		headers.add(text("kafka_dlt-exception-message", "Listener failed; " + message));
		return new DeadLetter(
				new RecordPosition(original.topic() + ".DLT", original.partition(), original.offset() / 10), TOPIC_ID,
				NOW.minusSeconds(90), bytes("order-" + original.offset()), bytes("{}"), headers);
	}

	static DeadLetter rejected(String topic, int partition, long offset) {
		return letter(new RecordPosition(topic, partition, offset), "dslab.reliability.faults.InjectedRejection",
				"Injected rejection: consume refused the event on purpose");
	}

	static DeadLetter malformed(String topic, int partition, long offset) {
		return letter(new RecordPosition(topic, partition, offset),
				"dslab.reliability.envelope.MalformedEventException", "Unknown event type 'OrderShipped'");
	}

	static Header text(String key, String value) {
		return new RecordHeader(key, bytes(value));
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
