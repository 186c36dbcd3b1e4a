package dslab.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dslab.cluster.KafkaBroker;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.ordering.KeyPositions;
import dslab.reliability.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** The outbox and inbox against a real broker and a real (H2) database. */
@SpringBootTest(classes = OutboxAndInboxIntegrationTest.TestApplication.class,
		properties = "spring.application.name=reliability-test")
class OutboxAndInboxIntegrationTest {

	static final String TOPIC = "reliability-test";

	static final String DATABASE = "jdbc:h2:mem:reliability-" + UUID.randomUUID()
			+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

	record Pinged(String id) {
	}

	@SpringBootApplication
	static class TestApplication {

		@Bean
		EventCatalog catalog() {
			return new EventCatalog(Map.of("Pinged", Pinged.class), 1, List.of(TOPIC));
		}

	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", KafkaBroker::shared);
		registry.add("spring.datasource.url", () -> DATABASE);
	}

	@Autowired
	Outbox outbox;

	@Autowired
	Inbox inbox;

	@Autowired
	EnvelopeCodec codec;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	KeyPositions positions;

	@Autowired
	MeterRegistry meters;

	private KafkaConsumer<String, String> consumer;

	private final Map<String, String> ids = new HashMap<>();

	private final List<ConsumerRecord<String, String>> polled = new java.util.ArrayList<>();

	@BeforeEach
	void subscribe() {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared(), ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(TOPIC));
	}

	@AfterEach
	void close() {
		this.consumer.close();
	}

	@Test
	void publishesCommittedEventsAndMarksThemPublished() {
		String id = UUID.randomUUID().toString();

		EventEnvelope appended = this.transactions
			.execute((status) -> this.outbox.append(TOPIC, new Pinged(id), id, "flow-" + id, null));

		ConsumerRecord<String, String> record = awaitRecord(id);
		assertThat(record.key()).isEqualTo(id);
		assertThat(this.codec.decode(record.value())).usingRecursiveComparison()
			.ignoringFields("sequence")
			.isEqualTo(appended);
		assertThat(this.codec.decode(record.value()).sequence()).isEqualTo(1L);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.jdbc.sql("SELECT published_at FROM outbox WHERE event_id = :id")
				.param("id", appended.eventId())
				.query(java.time.OffsetDateTime.class)
				.single()).isNotNull());
	}

	@Test
	void rolledBackTransactionPublishesNothing() {
		String rolledBack = UUID.randomUUID().toString();
		String committed = UUID.randomUUID().toString();

		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.outbox.append(TOPIC, new Pinged(rolledBack), rolledBack, rolledBack, null);
			throw new IllegalStateException("business rule broken");
		}));
		this.transactions.executeWithoutResult(
				(status) -> this.outbox.append(TOPIC, new Pinged(committed), committed, committed, null));

		awaitRecord(committed);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM outbox WHERE record_key = :key")
			.param("key", rolledBack)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void refusesToAppendOutsideATransaction() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.outbox.append(TOPIC, new Pinged("x"), "x", "x", null));
	}

	@Test
	void inboxAppliesAnEventOnceAndCountsRedeliveries() {
		EventEnvelope event = this.codec.wrap(new Pinged("once"), "once", "once", null);
		AtomicInteger applied = new AtomicInteger();
		long duplicatesBefore = this.inbox.counts("consumer-a").duplicates();

		boolean first = this.inbox.handle("consumer-a", event, (e) -> applied.incrementAndGet());
		boolean second = this.inbox.handle("consumer-a", event, (e) -> applied.incrementAndGet());
		boolean otherConsumer = this.inbox.handle("consumer-b", event, (e) -> applied.incrementAndGet());

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		assertThat(otherConsumer).isTrue();
		assertThat(applied).hasValue(2);
		assertThat(this.inbox.counts("consumer-a").duplicates()).isEqualTo(duplicatesBefore + 1);
	}

	@Test
	void failedEffectLeavesNoRecordSoTheRetryApplies() {
		EventEnvelope event = this.codec.wrap(new Pinged("retry"), "retry", "retry", null);

		assertThatIllegalStateException().isThrownBy(() -> this.inbox.handle("consumer-c", event, (e) -> {
			throw new IllegalStateException("database hiccup");
		}));
		boolean retried = this.inbox.handle("consumer-c", event, (e) -> {
		});

		assertThat(retried).isTrue();
	}

	@Test
	void handlesEachPartitionsRunOfAPollInOneTransaction() {
		List<ConsumerRecord<String, String>> poll = List.of(pinged(0, "run-a"), pinged(0, "run-b"), pinged(0, "run-c"),
				pinged(1, "run-d"));
		Set<Object> transactions = Collections.newSetFromMap(new IdentityHashMap<>());

		this.inbox.handleBatch("consumer-batch", poll, this.codec::decode,
				(e) -> transactions.addAll(TransactionSynchronizationManager.getResourceMap().values()), true);

		assertThat(transactions).as("one transaction per partition's run").hasSize(2);
		assertThat(handledIds("consumer-batch")).contains("run-a", "run-b", "run-c", "run-d");
	}

	@Test
	void handlesEachEventOfAPollInItsOwnTransactionWhenNotTogether() {
		List<ConsumerRecord<String, String>> poll = List.of(pinged(0, "single-a"), pinged(0, "single-b"),
				pinged(0, "single-c"));
		Set<Object> transactions = Collections.newSetFromMap(new IdentityHashMap<>());

		this.inbox.handleBatch("consumer-single", poll, this.codec::decode,
				(e) -> transactions.addAll(TransactionSynchronizationManager.getResourceMap().values()), false);

		assertThat(transactions).hasSize(3);
	}

	@Test
	void keepsTheEventsBeforeAFailedOneAndHandsTheFailedRecordToTheErrorHandler() {
		ConsumerRecord<String, String> failing = pinged(0, "poison-b");
		List<ConsumerRecord<String, String>> poll = List.of(pinged(0, "poison-a"), failing, pinged(0, "poison-c"));

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> this.inbox.handleBatch("consumer-poison", poll, this.codec::decode, (e) -> {
				if (e.payloadAs(Pinged.class).id().equals("poison-b")) {
					throw new IllegalStateException("cannot handle poison-b");
				}
			}, true))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(failing))
			.havingCause()
			.withMessage("cannot handle poison-b");
		assertThat(handledIds("consumer-poison")).as("the one before is kept, the one after waits for redelivery")
			.containsExactly("poison-a");
	}

	@Test
	void dropsTheDuplicatesOfARedeliveredBatch() {
		List<ConsumerRecord<String, String>> poll = List.of(pinged(0, "again-a"), pinged(0, "again-b"));
		AtomicInteger applied = new AtomicInteger();

		this.inbox.handleBatch("consumer-again", poll, this.codec::decode, (e) -> applied.incrementAndGet(), true);
		this.inbox.handleBatch("consumer-again", poll, this.codec::decode, (e) -> applied.incrementAndGet(), true);

		assertThat(applied).hasValue(2);
		assertThat(this.inbox.counts("consumer-again")).isEqualTo(new Inbox.Counts(2, 2));
	}

	@Test
	void numbersEachKeysEventsInTheOrderTheyArePublished() {
		String key = UUID.randomUUID().toString();
		String otherKey = UUID.randomUUID().toString();
		for (int i = 1; i <= 3; i++) {
			String id = key + "-" + i;
			this.transactions
				.executeWithoutResult((status) -> this.outbox.append(TOPIC, new Pinged(id), key, id, null));
		}
		this.transactions
			.executeWithoutResult((status) -> this.outbox.append(TOPIC, new Pinged("other"), otherKey, otherKey, null));

		List<EventEnvelope> events = awaitRecords(key, 3).stream().map((r) -> this.codec.decode(r.value())).toList();

		assertThat(events).extracting(EventEnvelope::sequence).containsExactly(1L, 2L, 3L);
		assertThat(events).extracting((event) -> ((Pinged) event.payload()).id())
			.containsExactly(key + "-1", key + "-2", key + "-3");
		assertThat(this.codec.decode(awaitRecord(otherKey).value()).sequence()).isEqualTo(1L);
	}

	@Test
	void resendsAnEventWithTheNumberItFirstWentOutWith() {
		String key = UUID.randomUUID().toString();
		EventEnvelope appended = this.transactions
			.execute((status) -> this.outbox.append(TOPIC, new Pinged(key), key, key, null));
		ConsumerRecord<String, String> first = awaitRecord(key);

		// The relay died after publishing, before it marked the row published.
		this.jdbc.sql("UPDATE outbox SET published_at = NULL WHERE event_id = :id")
			.param("id", appended.eventId())
			.update();

		List<ConsumerRecord<String, String>> both = awaitRecords(key, 2);
		assertThat(both).extracting((record) -> this.codec.decode(record.value()))
			.allSatisfy((event) -> assertThat(event.eventId()).isEqualTo(appended.eventId()))
			.extracting(EventEnvelope::sequence)
			.containsExactly(1L, 1L);
		assertThat(both.get(1).value()).isEqualTo(first.value());
	}

	// The ordering check: what a consumer sees of one key's numbered events.

	@Test
	void countsTheNumbersSkippedAsAGap() {
		String key = UUID.randomUUID().toString();

		handle("ordering-gap", key, 1, false);
		handle("ordering-gap", key, 4, false);

		assertThat(position("ordering-gap", key)).containsExactly(4L, 2L, 0L, 0L, 0L);
		assertThat(violations("ordering-gap", "gap")).isEqualTo(2.0);
	}

	@Test
	void countsAnEventThatArrivesAfterAHigherNumberAsOutOfOrder() {
		String key = UUID.randomUUID().toString();

		handle("ordering-late", key, 1, false);
		handle("ordering-late", key, 3, false);
		handle("ordering-late", key, 2, false);

		assertThat(position("ordering-late", key)).containsExactly(3L, 1L, 1L, 0L, 0L);
		assertThat(violations("ordering-late", "out-of-order")).isEqualTo(1.0);
	}

	@Test
	void countsNoViolationForARedeliveredEvent() {
		String key = UUID.randomUUID().toString();
		EventEnvelope first = numbered(key, 1);
		EventEnvelope second = numbered(key, 2);

		this.inbox.handle("ordering-dup", record(key, false), first, (e) -> {
		});
		this.inbox.handle("ordering-dup", record(key, false), second, (e) -> {
		});
		boolean again = this.inbox.handle("ordering-dup", record(key, false), first, (e) -> {
		});

		assertThat(again).isFalse();
		assertThat(position("ordering-dup", key)).containsExactly(2L, 0L, 0L, 0L, 0L);
	}

	@Test
	void countsAReplayedDeadLetterAsLateOnPurposeNotOutOfOrder() {
		String key = UUID.randomUUID().toString();

		handle("ordering-replay", key, 1, false);
		this.positions.deadLettered(deadLetter("ordering-replay", key, 2));
		handle("ordering-replay", key, 3, false);
		handle("ordering-replay", key, 2, true);

		assertThat(position("ordering-replay", key)).containsExactly(3L, 0L, 0L, 1L, 1L);
		assertThat(this.positions.counts()).filteredOn((counts) -> counts.consumer().equals("ordering-replay"))
			.singleElement()
			.satisfies((counts) -> {
				assertThat(counts.gaps()).isZero();
				assertThat(counts.outOfOrder()).isZero();
				assertThat(counts.deadLettered()).isOne();
				assertThat(counts.replayed()).isOne();
			});
	}

	@Test
	void checksNothingForAnEventWithoutANumber() {
		String key = UUID.randomUUID().toString();

		this.inbox.handle("ordering-old", record(key, false), this.codec.wrap(new Pinged(key), key, key, null), (e) -> {
		});

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM key_positions WHERE consumer = 'ordering-old'")
			.query(Long.class)
			.single()).isZero();
	}

	/**
	 * A record on partition {@code partition} carrying a new event {@code Pinged(id)}.
	 */
	private ConsumerRecord<String, String> pinged(int partition, String id) {
		EventEnvelope event = this.codec.wrap(new Pinged(id), id, id, null);
		this.ids.put(event.eventId().toString(), id);
		return new ConsumerRecord<>(TOPIC, partition, 0, id, this.codec.encode(event));
	}

	/** The ids of the Pinged events a consumer's inbox recorded, by their payload. */
	private List<String> handledIds(String consumer) {
		return this.jdbc.sql("SELECT event_id FROM inbox WHERE consumer = :consumer ORDER BY processed_at")
			.param("consumer", consumer)
			.query(String.class)
			.list()
			.stream()
			.map(this.ids::get)
			.toList();
	}

	private void handle(String consumer, String key, long sequence, boolean replay) {
		this.inbox.handle(consumer, record(key, replay), numbered(key, sequence), (e) -> {
		});
	}

	private EventEnvelope numbered(String key, long sequence) {
		EventEnvelope event = this.codec.wrap(new Pinged(key + "-" + sequence), key, key, null);
		return this.codec.decode(this.codec.sequenced(this.codec.encode(event), sequence));
	}

	private static ConsumerRecord<String, String> record(String key, boolean replay) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>(TOPIC, 0, 0, key, "");
		if (replay) {
			record.headers().add(KeyPositions.REPLAY_HEADER, "order-events.DLT-0@7".getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

	private ConsumerRecord<String, String> deadLetter(String consumer, String key, long sequence) {
		// The group the listener thread runs in, as the container sets it.
		KafkaUtils.setConsumerGroupId(consumer);
		return new ConsumerRecord<>(TOPIC, 0, 0, key,
				this.codec.sequenced(this.codec.encode(numbered(key, sequence)), sequence));
	}

	@AfterEach
	void leaveGroup() {
		KafkaUtils.clearConsumerGroupId();
	}

	/** last sequence, gaps, out of order, dead-lettered, replayed. */
	private List<Long> position(String consumer, String key) {
		return this.jdbc.sql("""
				SELECT last_sequence, gaps, out_of_order, dead_lettered, replayed FROM key_positions
				WHERE consumer = :consumer AND topic = :topic AND record_key = :key
				""")
			.param("consumer", consumer)
			.param("topic", TOPIC)
			.param("key", key)
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
			.single();
	}

	private double violations(String consumer, String kind) {
		return this.meters.counter("lab.ordering.violations", "consumer", consumer, "topic", TOPIC, "kind", kind)
			.count();
	}

	/** The key's records so far, in order, once there are at least {@code count}. */
	private List<ConsumerRecord<String, String>> awaitRecords(String key, int count) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.polled::add);
			assertThat(recordsOf(key)).hasSizeGreaterThanOrEqualTo(count);
		});
		return recordsOf(key);
	}

	private List<ConsumerRecord<String, String>> recordsOf(String key) {
		return this.polled.stream().filter((record) -> key.equals(record.key())).toList();
	}

	private ConsumerRecord<String, String> awaitRecord(String key) {
		return awaitRecords(key, 1).getFirst();
	}

}
