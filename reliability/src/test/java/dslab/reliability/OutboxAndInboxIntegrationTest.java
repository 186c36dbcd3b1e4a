package dslab.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dslab.cluster.KafkaBroker;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.outbox.Outbox;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
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

	private KafkaConsumer<String, String> consumer;

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
		assertThat(this.codec.decode(record.value())).isEqualTo(appended);
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

	private ConsumerRecord<String, String> awaitRecord(String key) {
		java.util.concurrent.atomic.AtomicReference<ConsumerRecord<String, String>> found = new java.util.concurrent.atomic.AtomicReference<>();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
				if (key.equals(record.key())) {
					found.set(record);
				}
			}
			assertThat(found.get()).isNotNull();
		});
		return found.get();
	}

}
