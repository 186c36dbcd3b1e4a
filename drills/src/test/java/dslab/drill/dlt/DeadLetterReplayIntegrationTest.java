package dslab.drill.dlt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dslab.cluster.KafkaBroker;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.faults.FaultProperties;
import dslab.reliability.faults.Faults;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.ordering.KeyPositions;
import dslab.reliability.kafka.ConsumerErrorHandling;
import dslab.reliability.kafka.MessagingProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.h2.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters end to end on a real broker: a consumer wired as the services wire theirs
 * (their error handling, inbox on a real database, fault injection) dead-letters what it
 * cannot or will not handle; {@code ./drill dlt list} shows it, {@code replay} sends it
 * back once, and a replay sent again changes nothing.
 */
class DeadLetterReplayIntegrationTest {

	static final String CONSUMER = "dlt-test-consumer";

	static final Duration BOUND = Duration.ofSeconds(30);

	record Pinged(String name) {
	}

	private final String topic = "dlt-it-" + UUID.randomUUID().toString().substring(0, 8);

	private final String deadLetters = this.topic + ".DLT";

	private final Faults faults = new Faults(new FaultProperties(null, null, 0, null, null, Duration.ofSeconds(10)),
			new Random(), (status) -> {
			}, new SimpleMeterRegistry());

	private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build(),
			new EventCatalog(Map.of("Pinged", Pinged.class), 1, List.of(this.topic)), "dlt-test");

	private final Set<UUID> applied = ConcurrentHashMap.newKeySet();

	private Inbox inbox;

	private ConcurrentMessageListenerContainer<String, String> container;

	private DeadLetterOffice office;

	@BeforeEach
	void startConsumer() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared()))) {
			admin
				.createTopics(
						List.of(new NewTopic(this.topic, 3, (short) 1), new NewTopic(this.deadLetters, 3, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		DataSource database = new SimpleDriverDataSource(new Driver(),
				"jdbc:h2:mem:dlt-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(database).locations("classpath:db/reliability").load().migrate();
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
		KeyPositions positions = new KeyPositions(JdbcClient.create(database), transactions, new SimpleMeterRegistry());
		this.inbox = new Inbox(JdbcClient.create(database), transactions, new SimpleMeterRegistry(), this.faults,
				positions);
		KafkaTemplate<String, String> kafka = new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared()),
						new StringSerializer(), new StringSerializer()));
		ContainerProperties properties = new ContainerProperties(this.topic);
		properties.setGroupId(CONSUMER);
		properties.setMessageListener((MessageListener<String, String>) (record) -> this.inbox.handle(CONSUMER, record,
				this.codec.decode(record.value()), (event) -> this.applied.add(event.eventId())));
		this.container = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared(),
								ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
								ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
						new StringDeserializer(), new StringDeserializer()),
				properties);
		this.container.setCommonErrorHandler(ConsumerErrorHandling.errorHandler(kafka,
				new MessagingProperties.Retry(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)), positions));
		this.container.start();
		this.office = DeadLetterOffice.connect(KafkaBroker.shared());
	}

	@AfterEach
	void stopConsumer() {
		this.container.stop();
		this.office.close();
	}

	@Test
	void deadLettersWithTheirOriginThenReplaysEachOnceAndACopySentAgainChangesNothing() {
		// A bad deploy refuses every event; two records can never be handled.
		this.faults.apply(new FaultProperties(null, null, Map.of("consume", 1.0), 0, null, null, null));
		List<EventEnvelope> events = List.of(event("a"), event("b"), event("c"));
		List<RecordPosition> rejected = events.stream()
			.map((event) -> this.office.publish(this.topic, event.key(), bytes(this.codec.encode(event))))
			.toList();
		RecordPosition notJson = this.office.publish(this.topic, "poison-1", bytes("this is not JSON"));
		RecordPosition unknownType = this.office.publish(this.topic, "poison-2",
				bytes(this.codec.encode(event("d")).replace("\"Pinged\"", "\"Shipped\"")));

		List<DeadLetter> letters = awaitDeadLetters(5);

		for (RecordPosition position : rejected) {
			DeadLetter letter = letterFrom(letters, position);
			assertThat(letter.exception()).isEqualTo("dslab.reliability.faults.InjectedRejection");
			assertThat(letter.message()).contains("Injected rejection: consume refused the event on purpose");
		}
		assertThat(letterFrom(letters, notJson).exception())
			.isEqualTo("dslab.reliability.envelope.MalformedEventException");
		assertThat(letterFrom(letters, notJson).message()).contains("Cannot decode event");
		assertThat(letterFrom(letters, unknownType).message()).contains("Unknown event type 'Shipped'");
		assertThat(letters).allSatisfy((letter) -> {
			assertThat(letter.consumerGroup()).hasValue(CONSUMER);
			assertThat(letter.at().partition()).isEqualTo(letter.original().orElseThrow().partition());
		});
		assertThat(this.applied).isEmpty();

		String listed = dlt(0, "list", "--topic", this.topic);
		assertThat(listed)
			.contains(this.deadLetters
					+ "      5 dead letters, 0 replayed: InjectedRejection 3, MalformedEventException 2")
			.contains(rejected.get(0).toString(), "InjectedRejection: Injected rejection",
					"MalformedEventException: Unknown event type 'Shipped'");

		// The fix; the refused events are replayed, the malformed ones left where they
		// are.
		this.faults.clear();
		assertThat(dlt(0, "replay", "--topic", this.deadLetters, "--exception", "injectedrejection"))
			.contains("replayed 3 (" + this.topic + " 3); 2 skipped by filter; 0 already replayed");
		await().atMost(BOUND)
			.untilAsserted(() -> assertThat(this.applied)
				.containsExactlyInAnyOrderElementsOf(events.stream().map(EventEnvelope::eventId).toList()));

		assertThat(dlt(0, "replay", "--topic", this.topic, "--exception", "InjectedRejection"))
			.contains("nothing to replay; 2 skipped by filter; 3 already replayed");

		// What the filter left out is still replayable; it fails again and says so.
		assertThat(dlt(0, "replay", "--topic", this.topic)).contains("replayed 2 (" + this.topic + " 2)");
		List<DeadLetter> again = awaitDeadLetters(7);
		assertThat(again.stream().flatMap((letter) -> letter.replayOf().stream()))
			.containsExactlyInAnyOrder(letterFrom(letters, notJson).at(), letterFrom(letters, unknownType).at());
		assertThat(dlt(0, "list", "--topic", this.topic))
			.contains("(replay of " + letterFrom(letters, notJson).at() + ")");

		// Sent again on purpose: the inbox drops every copy.
		assertThat(dlt(0, "replay", "--topic", this.topic, "--exception", "InjectedRejection", "--again"))
			.contains("replayed again 3 (" + this.topic + " 3)");
		await().atMost(BOUND).untilAsserted(() -> assertThat(this.inbox.counts(CONSUMER).duplicates()).isEqualTo(3));
		assertThat(this.inbox.counts(CONSUMER).processed()).isEqualTo(3);
		assertThat(this.applied).hasSize(3);
		ReplayLedger ledger = this.office.ledger();
		assertThat(letters).allMatch(ledger::replayed);
	}

	private List<DeadLetter> awaitDeadLetters(int count) {
		return await().atMost(BOUND)
			.until(() -> this.office.read(List.of(this.deadLetters)), (letters) -> letters.size() >= count);
	}

	private static DeadLetter letterFrom(List<DeadLetter> letters, RecordPosition original) {
		return letters.stream()
			.filter((letter) -> letter.original().equals(Optional.of(original)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No dead letter from " + original + " in " + letters));
	}

	private EventEnvelope event(String name) {
		String key = UUID.randomUUID().toString();
		return this.codec.wrap(new Pinged(name), key, key, null);
	}

	private String dlt(int expectedStatus, String... arguments) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = new CommandLine(new DltCommand()).setOut(new PrintWriter(out))
			.setErr(new PrintWriter(err));
		String[] withBroker = Stream
			.concat(Arrays.stream(arguments), Stream.of("--bootstrap-servers", KafkaBroker.shared()))
			.toArray(String[]::new);
		assertThat(command.execute(withBroker)).as(() -> out + "\n" + err).isEqualTo(expectedStatus);
		return out.toString();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
