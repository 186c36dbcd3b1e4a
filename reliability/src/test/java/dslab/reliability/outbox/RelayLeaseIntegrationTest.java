package dslab.reliability.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dslab.cluster.KafkaBroker;
import dslab.reliability.TestDatabases;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.faults.FaultProperties;
import dslab.reliability.faults.Faults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of a service on one database, each with its own relay, against a real
 * broker: one relays at a time, a row's number is given once, and the other takes over
 * when the first stops or dies.
 */
class RelayLeaseIntegrationTest {

	private static final String TOPIC = "relay-lease-test";

	private final DataSource database = TestDatabases.migrated("relay-lease");

	private final JdbcClient jdbc = JdbcClient.create(this.database);

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(this.database));

	private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.shared(),
			new EventCatalog(Map.of("Pinged", Pinged.class), 1, List.of(TOPIC)), "relay-lease-test");

	private final KafkaTemplate<String, String> kafka = new KafkaTemplate<>(
			new DefaultKafkaProducerFactory<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared(), ProducerConfig.ACKS_CONFIG,
							"all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
					new StringSerializer(), new StringSerializer()));

	private final List<OutboxRelay> started = new ArrayList<>();

	record Pinged(String id) {
	}

	@BeforeAll
	static void createTopic() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	@AfterEach
	void stopRelays() {
		this.started.forEach(OutboxRelay::stop);
		this.kafka.destroy();
	}

	@Test
	void racingRelaysPublishEveryRowWithOneNumberInOrder() throws Exception {
		OutboxRelay first = relay(Duration.ofSeconds(10));
		OutboxRelay second = relay(Duration.ofSeconds(10));
		List<String> keys = List.of(key(), key(), key());
		AtomicBoolean appending = new AtomicBoolean(true);
		Map<OutboxRelay, Integer> publishedBy = new ConcurrentHashMap<>();
		List<Thread> racers = new ArrayList<>();
		for (OutboxRelay relay : List.of(first, second)) {
			racers.add(Thread.ofPlatform().start(() -> {
				try {
					while (appending.get() || backlog() > 0) {
						publishedBy.merge(relay, relay.publishPending(), Integer::sum);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		for (int i = 0; i < 60; i++) {
			append(keys.get(i % keys.size()), "e" + i);
		}
		appending.set(false);
		for (Thread racer : racers) {
			racer.join(Duration.ofSeconds(30));
		}

		assertThat(publishedBy.values()).as("rows published by each relay").containsExactlyInAnyOrder(60, 0);
		for (String key : keys) {
			assertThat(numbers(key)).as("numbers of " + key).isEqualTo(range(20));
			List<EventEnvelope> received = received(key, 20);
			assertThat(received).extracting(EventEnvelope::sequence).isEqualTo(range(20));
		}
	}

	@Test
	void theOtherInstanceTakesOverAtOnceWhenTheLeaseHolderStops() throws Exception {
		OutboxRelay first = relay(Duration.ofSeconds(10));
		first.start();
		this.started.add(first);
		String key = key();
		append(key, "before");
		await().atMost(Duration.ofSeconds(10)).until(() -> backlog() == 0);
		OutboxRelay second = relay(Duration.ofSeconds(10));
		assertThat(second.publishPending()).as("the second relay while the first holds the lease").isZero();

		first.stop();
		append(key, "after");

		assertThat(second.publishPending()).isOne();
		assertThat(received(key, 2)).extracting(EventEnvelope::sequence).containsExactly(1L, 2L);
	}

	@Test
	void theOtherInstanceTakesOverOnceTheLeaseOfADeadHolderExpires() throws Exception {
		OutboxRelay dead = relay(Duration.ofSeconds(2));
		String key = key();
		append(key, "before");
		assertThat(dead.publishPending()).isOne();
		// The holder dies here: it never renews or releases its lease.
		OutboxRelay second = relay(Duration.ofSeconds(2));
		append(key, "after");
		assertThat(second.publishPending()).isZero();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(second.publishPending()).isOne());
		assertThat(received(key, 2)).extracting(EventEnvelope::sequence).containsExactly(1L, 2L);
	}

	private OutboxRelay relay(Duration leaseTimeToLive) {
		return new OutboxRelay(this.jdbc, this.transactions, this.codec,
				TestDatabases.leases(this.database, leaseTimeToLive), this.kafka,
				new OutboxSettings(Duration.ofMillis(50), 7, null, null), new SimpleMeterRegistry(),
				new Faults(new FaultProperties(null, null, 0, null, null, Duration.ofSeconds(10)),
						new java.util.Random(), (status) -> {
						}, new SimpleMeterRegistry()));
	}

	private void append(String key, String id) {
		EventEnvelope envelope = this.codec.wrap(new Pinged(id), key, key, null);
		this.jdbc.sql("""
				INSERT INTO outbox (event_id, topic, record_key, event_type, envelope, created_at)
				VALUES (:eventId, :topic, :key, 'Pinged', :envelope, :createdAt)
				""")
			.param("eventId", envelope.eventId())
			.param("topic", TOPIC)
			.param("key", key)
			.param("envelope", this.codec.encode(envelope))
			.param("createdAt", Outbox.now())
			.update();
	}

	private long backlog() {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single();
	}

	private List<Long> numbers(String key) {
		return this.jdbc.sql("SELECT sequence FROM outbox WHERE record_key = :key ORDER BY sequence")
			.param("key", key)
			.query(Long.class)
			.list();
	}

	/** What a consumer of the topic receives for the key, in order, copies included. */
	private List<EventEnvelope> received(String key, int atLeast) {
		Map<String, Object> config = new HashMap<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared(), ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
		List<EventEnvelope> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						received.add(this.codec.decode(record.value()));
					}
				}
				assertThat(received).hasSizeGreaterThanOrEqualTo(atLeast);
			});
		}
		return received;
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

	private static List<Long> range(int count) {
		return java.util.stream.LongStream.rangeClosed(1, count).boxed().toList();
	}

}
