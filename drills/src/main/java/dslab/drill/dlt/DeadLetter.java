package dslab.drill.dlt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A record in a dead-letter topic, with what Spring Kafka's dead-letter recoverer wrote
 * in its headers: where it came from, which consumer group gave up on it, and why.
 *
 * @param at where the dead letter is
 * @param topicId the id of its topic, so a topic deleted and created again is not taken
 * for the old one
 * @param timestamp when it was dead-lettered
 * @param key the record key as it was, or {@code null}
 * @param value the record value as it was, or {@code null}
 * @param headers every header, in order
 */
public record DeadLetter(RecordPosition at, String topicId, Instant timestamp, byte[] key, byte[] value,
		List<Header> headers) {

	/** The prefix of the headers the recoverer adds ({@code KafkaHeaders.DLT_*}). */
	static final String DLT_HEADER_PREFIX = "kafka_dlt-";

	/**
	 * The prefix of the headers Spring's non-blocking retry topics add: a replay starts
	 * the retries afresh, so they are not sent back either.
	 */
	static final String RETRY_HEADER_PREFIX = "retry_topic-";

	/**
	 * The prefixes under which the retry topics' recoverer writes the same headers
	 * ({@code KafkaHeaders.ORIGINAL_*} and {@code EXCEPTION_*}, e.g.
	 * {@code kafka_original-topic}): a dead letter of payment-service's retry topics
	 * carries these instead of the {@code kafka_dlt-} ones.
	 */
	private static final List<String> RETRY_TOPIC_PREFIXES = List.of("kafka_original-", "kafka_exception-");

	/** The header a replayed record carries: the dead letter it was replayed from. */
	public static final String REPLAY_OF = "dslab-dlt-replay-of";

	static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

	static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";

	static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";

	static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";

	static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";

	static final String EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";

	static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

	/** What Spring Kafka wraps a listener's own exception in. */
	private static final String LISTENER_FAILED = "org.springframework.kafka.listener.ListenerExecutionFailedException";

	public DeadLetter {
		headers = List.copyOf(headers);
	}

	/**
	 * Where the record was when it failed. The first of the recoverer's headers: a record
	 * that went through retry topics first carries one per hop, and the first is the
	 * topic it was published to.
	 */
	public Optional<RecordPosition> original() {
		Optional<String> topic = first(ORIGINAL_TOPIC).map(DeadLetter::text);
		Optional<Long> partition = first(ORIGINAL_PARTITION).flatMap(DeadLetter::number);
		Optional<Long> offset = first(ORIGINAL_OFFSET).flatMap(DeadLetter::number);
		if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new RecordPosition(topic.get(), partition.get().intValue(), offset.get()));
	}

	/** The topic to replay to: where the record was first published. */
	public Optional<String> originalTopic() {
		return first(ORIGINAL_TOPIC).map(DeadLetter::text);
	}

	/** The consumer group that gave up on the record. */
	public Optional<String> consumerGroup() {
		return last(ORIGINAL_CONSUMER_GROUP).map(DeadLetter::text);
	}

	/**
	 * The class of the exception that failed the record: the listener's own, not the
	 * wrapper Spring Kafka puts around it.
	 */
	public String exception() {
		String thrown = last(EXCEPTION_FQCN).map(DeadLetter::text).orElse("?");
		Optional<String> cause = last(EXCEPTION_CAUSE_FQCN).map(DeadLetter::text);
		return (thrown.equals(LISTENER_FAILED) && cause.isPresent()) ? cause.get() : thrown;
	}

	/**
	 * The exception's class without its package, e.g. {@code MalformedEventException}.
	 */
	public String exceptionShortName() {
		String exception = exception();
		return exception.substring(exception.lastIndexOf('.') + 1);
	}

	/**
	 * The error message the recoverer recorded, without what Spring Kafka's wrapper puts
	 * before the listener's own ({@code "Listener failed; "}), or an empty string.
	 */
	public String message() {
		String message = last(EXCEPTION_MESSAGE).map(DeadLetter::text).orElse("");
		boolean wrapped = last(EXCEPTION_FQCN).map(DeadLetter::text).filter(LISTENER_FAILED::equals).isPresent();
		int wrapperEnds = message.indexOf("; ");
		return (wrapped && wrapperEnds >= 0) ? message.substring(wrapperEnds + 2) : message;
	}

	/**
	 * Whether the exception's class, or that of its cause, contains the text (any case).
	 */
	public boolean failedWith(String exceptionText) {
		String wanted = exceptionText.toLowerCase(Locale.ROOT);
		return headers(EXCEPTION_FQCN, EXCEPTION_CAUSE_FQCN).stream()
			.map((header) -> text(header).toLowerCase(Locale.ROOT))
			.anyMatch((name) -> name.contains(wanted));
	}

	/**
	 * The dead letter this record was replayed from, if it failed again after a replay.
	 */
	public Optional<RecordPosition> replayOf() {
		return last(REPLAY_OF).map((header) -> RecordPosition.parse(text(header)));
	}

	/** The key as text, or {@code null}. */
	public String keyText() {
		return (this.key != null) ? new String(this.key, StandardCharsets.UTF_8) : null;
	}

	/**
	 * The headers a replay of this record carries: the original ones without the
	 * recoverer's and the retry topics', and {@link #REPLAY_OF} naming this dead letter.
	 */
	public List<Header> replayHeaders() {
		List<Header> kept = new ArrayList<>();
		for (Header header : this.headers) {
			if (!header.key().startsWith(DLT_HEADER_PREFIX) && !header.key().startsWith(RETRY_HEADER_PREFIX)
					&& RETRY_TOPIC_PREFIXES.stream().noneMatch(header.key()::startsWith)
					&& !header.key().equals(REPLAY_OF)) {
				kept.add(header);
			}
		}
		kept.add(new RecordHeader(REPLAY_OF, this.at.toString().getBytes(StandardCharsets.UTF_8)));
		return kept;
	}

	private Optional<Header> first(String key) {
		return this.headers.stream().filter((header) -> named(header, key)).findFirst();
	}

	private Optional<Header> last(String key) {
		return this.headers.stream().filter((header) -> named(header, key)).reduce((first, second) -> second);
	}

	private List<Header> headers(String... keys) {
		return this.headers.stream()
			.filter((header) -> List.of(keys).stream().anyMatch((key) -> named(header, key)))
			.toList();
	}

	/** Whether the header is the {@code kafka_dlt-} one, or its retry-topic twin. */
	private static boolean named(Header header, String key) {
		return header.key().equals(key) || header.key().equals("kafka_" + key.substring(DLT_HEADER_PREFIX.length()));
	}

	private static String text(Header header) {
		return (header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

	/**
	 * The recoverer writes partitions as 4-byte and offsets as 8-byte big-endian numbers;
	 * another tool may have written text.
	 */
	private static Optional<Long> number(Header header) {
		byte[] value = header.value();
		if (value != null && value.length == Integer.BYTES) {
			return Optional.of((long) ByteBuffer.wrap(value).getInt());
		}
		if (value != null && value.length == Long.BYTES) {
			return Optional.of(ByteBuffer.wrap(value).getLong());
		}
		try {
			return Optional.of(Long.parseLong(text(header).trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
