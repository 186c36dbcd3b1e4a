package dslab.drill.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead letters of a Kafka cluster: reads every dead-letter topic ({@code *.DLT}),
 * replays dead letters to the topics they came from and enters each replay in the
 * {@link ReplayLedger}. What {@code ./drill dlt} and the poison-event drill use.
 */
public final class DeadLetterOffice implements AutoCloseable {

	/** The suffix of a dead-letter topic, as the services name them. */
	public static final String SUFFIX = ".DLT";

	/** How long Kafka has to answer before it counts as unreachable. */
	static final Duration ANSWER_BOUND = Duration.ofSeconds(5);

	/** How long reading every record of the topics up to their end may take. */
	private static final Duration READ_BOUND = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String bootstrapServers;

	private final Admin admin;

	private KafkaProducer<byte[], byte[]> producer;

	private DeadLetterOffice(String bootstrapServers, Admin admin) {
		this.bootstrapServers = bootstrapServers;
		this.admin = admin;
	}

	/**
	 * {@code LAB_KAFKA_BOOTSTRAP} if set, else the local cluster's broker
	 * ({@code localhost:9092}, or {@code LAB_KAFKA_PORT}).
	 */
	public static String defaultBootstrapServers(Function<String, String> environment) {
		String bootstrap = environment.apply("LAB_KAFKA_BOOTSTRAP");
		if (bootstrap != null && !bootstrap.isBlank()) {
			return bootstrap.trim();
		}
		String port = environment.apply("LAB_KAFKA_PORT");
		return "localhost:" + ((port != null && !port.isBlank()) ? port.trim() : "9092");
	}

	/**
	 * Connects, and checks that the cluster answers.
	 * @throws KafkaUnreachableException if it does not within a few seconds
	 */
	public static DeadLetterOffice connect(String bootstrapServers) {
		Admin admin;
		try {
			admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
					AdminClientConfig.CLIENT_ID_CONFIG, "dslab-dlt", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
					(int) ANSWER_BOUND.toMillis(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
					(int) ANSWER_BOUND.toMillis()));
		}
		catch (KafkaException ex) {
			// An address that does not resolve.
			throw new KafkaUnreachableException(bootstrapServers, "cannot be resolved");
		}
		DeadLetterOffice office = new DeadLetterOffice(bootstrapServers, admin);
		try {
			office.answer(admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ANSWER_BOUND.toMillis()))
				.nodes());
			return office;
		}
		catch (RuntimeException ex) {
			office.close();
			throw ex;
		}
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/** Every topic of the cluster. */
	public Set<String> topics() {
		return new TreeSet<>(answer(
				this.admin.listTopics(new ListTopicsOptions().timeoutMs((int) ANSWER_BOUND.toMillis())).names()));
	}

	/**
	 * The dead-letter topics meant: all of them, or one.
	 * @param topic a dead-letter topic ({@code order-events.DLT}), the topic whose
	 * dead-letter topic is meant ({@code order-events}), or {@code null} for every
	 * {@code *.DLT} topic
	 * @throws IllegalArgumentException if there is no such dead-letter topic
	 */
	public List<String> deadLetterTopics(String topic) {
		List<String> all = topics().stream().filter((name) -> name.endsWith(SUFFIX)).toList();
		if (topic == null) {
			return all;
		}
		String wanted = topic.endsWith(SUFFIX) ? topic : topic + SUFFIX;
		if (!all.contains(wanted)) {
			throw new IllegalArgumentException("There is no dead-letter topic " + wanted + " on "
					+ this.bootstrapServers + "; there are: " + (all.isEmpty() ? "none" : String.join(", ", all)));
		}
		return List.of(wanted);
	}

	/** Every record of these dead-letter topics, by topic, partition and offset. */
	public List<DeadLetter> read(List<String> topics) {
		if (topics.isEmpty()) {
			return List.of();
		}
		Map<String, TopicDescription> descriptions = answer(this.admin.describeTopics(topics).allTopicNames());
		List<DeadLetter> letters = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : readAll(descriptions.values())) {
			List<Header> headers = List.of(record.headers().toArray());
			letters.add(new DeadLetter(new RecordPosition(record.topic(), record.partition(), record.offset()),
					descriptions.get(record.topic()).topicId().toString(), Instant.ofEpochMilli(record.timestamp()),
					record.key(), record.value(), headers));
		}
		return letters;
	}

	/** What was replayed so far; empty before the first replay. */
	public ReplayLedger ledger() {
		if (!topics().contains(ReplayLedger.TOPIC)) {
			return ReplayLedger.empty();
		}
		Map<String, TopicDescription> ledger = answer(
				this.admin.describeTopics(List.of(ReplayLedger.TOPIC)).allTopicNames());
		Map<String, ReplayLedger.Entry> entries = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : readAll(ledger.values())) {
			String key = new String(record.key(), StandardCharsets.UTF_8);
			if (record.value() == null) {
				entries.remove(key);
				continue;
			}
			try {
				JsonNode entry = json.readTree(record.value());
				entries.put(key,
						new ReplayLedger.Entry(entry.get("topicId").asString(),
								RecordPosition.parse(entry.get("replayedTo").asString()),
								Instant.parse(entry.get("replayedAt").asString())));
			}
			catch (RuntimeException ex) {
				// Not an entry this tool wrote: it records no replay.
			}
		}
		return new ReplayLedger(entries);
	}

	/**
	 * Decides what a replay sends, without sending anything.
	 * @param topic as for {@link #deadLetterTopics(String)}
	 * @param exception only dead letters whose exception class contains this, or
	 * {@code null}
	 * @param again send again what was replayed before (and only that)
	 */
	public ReplayPlan plan(String topic, String exception, boolean again) {
		List<DeadLetter> letters = read(deadLetterTopics(topic));
		return ReplayPlan.of(letters, ledger(), exception, again, topics());
	}

	/**
	 * Sends each dead letter of the plan back to its original topic (same key, same
	 * value, its headers without the dead-letter ones, plus
	 * {@link DeadLetter#REPLAY_OF}), waits until the broker has every one
	 * ({@code acks=all}), then enters them in the ledger. A crash in between leaves them
	 * unentered: the next replay sends them again and the consumers' inboxes drop the
	 * copies.
	 * @param progress told of each record sent
	 */
	public ReplayResult replay(ReplayPlan plan, Consumer<ReplayResult.Replayed> progress) {
		if (plan.toSend().isEmpty()) {
			return new ReplayResult(plan, List.of(), Map.of());
		}
		ensureLedgerTopic();
		List<Future<RecordMetadata>> sends = new ArrayList<>();
		for (DeadLetter letter : plan.toSend()) {
			sends.add(producer().send(new ProducerRecord<>(letter.originalTopic().orElseThrow(), null, null,
					letter.key(), letter.value(), letter.replayHeaders())));
		}
		producer().flush();
		List<ReplayResult.Replayed> replayed = new ArrayList<>();
		Map<DeadLetter, String> failed = new LinkedHashMap<>();
		for (int i = 0; i < sends.size(); i++) {
			DeadLetter letter = plan.toSend().get(i);
			try {
				ReplayResult.Replayed replay = new ReplayResult.Replayed(letter, position(sends.get(i)));
				replayed.add(replay);
				progress.accept(replay);
			}
			catch (IllegalStateException ex) {
				failed.put(letter, ex.getMessage());
			}
		}
		enter(replayed);
		return new ReplayResult(plan, replayed, failed);
	}

	/**
	 * Publishes one record as it is ({@code acks=all}): how a drill puts a poison record
	 * on a topic.
	 * @return where it went
	 */
	public RecordPosition publish(String topic, String key, byte[] value) {
		return position(producer()
			.send(new ProducerRecord<>(topic, (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, value)));
	}

	@Override
	public void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
		}
		this.admin.close(Duration.ofSeconds(2));
	}

	private void enter(List<ReplayResult.Replayed> replayed) {
		Instant now = Instant.now();
		List<Future<RecordMetadata>> entries = new ArrayList<>();
		for (ReplayResult.Replayed replay : replayed) {
			Map<String, String> entry = new LinkedHashMap<>();
			entry.put("topicId", replay.letter().topicId());
			entry.put("replayedTo", replay.to().toString());
			entry.put("replayedAt", now.toString());
			entries.add(producer().send(new ProducerRecord<>(ReplayLedger.TOPIC,
					replay.letter().at().toString().getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(entry))));
		}
		producer().flush();
		entries.forEach(this::position);
	}

	/**
	 * One partition, compacted (the last entry per dead letter is all that counts), as
	 * many replicas as the cluster allows up to 3.
	 */
	private void ensureLedgerTopic() {
		if (topics().contains(ReplayLedger.TOPIC)) {
			return;
		}
		int brokers = answer(this.admin.describeCluster().nodes()).size();
		short replicas = (short) Math.min(3, brokers);
		NewTopic ledger = new NewTopic(ReplayLedger.TOPIC, 1, replicas)
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
					TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Math.min(2, replicas))));
		try {
			this.admin.createTopics(List.of(ledger)).all().get(ANSWER_BOUND.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException(
						"Cannot create " + ReplayLedger.TOPIC + ": " + ex.getCause().getMessage(), ex);
			}
		}
		catch (TimeoutException ex) {
			throw new KafkaUnreachableException(this.bootstrapServers, silence());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/** Every record of the topics' partitions, from the first to the end as it is now. */
	private List<ConsumerRecord<byte[], byte[]>> readAll(Collection<TopicDescription> topics) {
		List<TopicPartition> partitions = topics.stream()
			.flatMap((topic) -> topic.partitions()
				.stream()
				.map((partition) -> new TopicPartition(topic.name(), partition.partition())))
			.toList();
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.CLIENT_ID_CONFIG,
						"dslab-dlt-reader", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_BOUND.toMillis() * 2),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			List<TopicPartition> unread = new ArrayList<>(partitions);
			Instant deadline = Instant.now().plus(READ_BOUND);
			unread.removeIf((partition) -> consumer.position(partition) >= ends.get(partition));
			while (!unread.isEmpty()) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException(
							"Could not read " + unread + " to its end within " + READ_BOUND.toSeconds() + " s");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
						records.add(record);
					}
				}
				unread.removeIf((partition) -> consumer.position(partition) >= ends.get(partition));
			}
		}
		records.sort(Comparator.comparing(ConsumerRecord<byte[], byte[]>::topic)
			.thenComparingInt(ConsumerRecord::partition)
			.thenComparingLong(ConsumerRecord::offset));
		return records;
	}

	private KafkaProducer<byte[], byte[]> producer() {
		if (this.producer == null) {
			this.producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
							ProducerConfig.CLIENT_ID_CONFIG, "dslab-dlt-replay", ProducerConfig.ACKS_CONFIG, "all",
							ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG,
							(int) ANSWER_BOUND.toMillis() * 2, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
							ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.LINGER_MS_CONFIG, 5),
					new ByteArraySerializer(), new ByteArraySerializer());
		}
		return this.producer;
	}

	private RecordPosition position(Future<RecordMetadata> send) {
		try {
			RecordMetadata sent = send.get(60, TimeUnit.SECONDS);
			return new RecordPosition(sent.topic(), sent.partition(), sent.offset());
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("no acknowledgement within 60 s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static String silence() {
		return "did not answer within " + ANSWER_BOUND.toSeconds() + " s";
	}

	private <T> T answer(KafkaFuture<T> future) {
		try {
			return future.get(ANSWER_BOUND.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new KafkaUnreachableException(this.bootstrapServers, silence());
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
				throw new KafkaUnreachableException(this.bootstrapServers, silence());
			}
			throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
