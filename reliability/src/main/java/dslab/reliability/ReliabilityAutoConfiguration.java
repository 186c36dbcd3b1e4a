package dslab.reliability;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.faults.Faults;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.kafka.ConsumerErrorHandling;
import dslab.reliability.kafka.KafkaHealthIndicator;
import dslab.reliability.kafka.MessagingProperties;
import dslab.reliability.kafka.PartitionThroughput;
import dslab.reliability.kafka.TopicDeclarations;
import dslab.reliability.migrations.SharedMigrations;
import dslab.reliability.ordering.KeyPositions;
import dslab.reliability.outbox.Outbox;
import dslab.reliability.outbox.OutboxRelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the shared messaging mechanisms into a service that declares an
 * {@link EventCatalog} bean: envelope codec, outbox and relay, inbox, their tables, topic
 * declarations, consumer error handling, Kafka health, and the delivery settings every
 * producer and consumer must have. A service without one (the payment provider) gets none
 * of them.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnBean(EventCatalog.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class ReliabilityAutoConfiguration {

	/**
	 * Where the outbox and inbox migrations are: outside db/migration, so only services
	 * with messaging get the tables.
	 */
	static final String MIGRATIONS = "classpath:db/reliability";

	@Bean
	EnvelopeCodec envelopeCodec(JsonMapper json, EventCatalog catalog, Environment environment) {
		return new EnvelopeCodec(json, catalog, environment.getRequiredProperty("spring.application.name"));
	}

	/**
	 * The outbox relay's lease (one relaying instance per service database): a row in
	 * {@code int_lock} that lives {@link JdbcLockRegistry#DEFAULT_TTL} (10 s) unless
	 * renewed.
	 */
	@Bean
	DefaultLockRepository relayLeaseRepository(DataSource dataSource) {
		return new DefaultLockRepository(dataSource);
	}

	@Bean
	JdbcLockRegistry relayLeases(DefaultLockRepository relayLeaseRepository) {
		return new JdbcLockRegistry(relayLeaseRepository, JdbcLockRegistry.DEFAULT_TTL);
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, EnvelopeCodec codec,
			JdbcLockRegistry relayLeases, KafkaTemplate<String, String> kafka, MessagingProperties properties,
			MeterRegistry meters, Faults faults) {
		return new OutboxRelay(jdbc, transactions, codec, relayLeases, kafka, properties.outbox(), meters, faults);
	}

	@Bean
	Outbox outbox(JdbcClient jdbc, EnvelopeCodec codec, OutboxRelay relay, MeterRegistry meters) {
		Outbox outbox = new Outbox(jdbc, codec, relay);
		Gauge.builder("lab.outbox.backlog", outbox, Outbox::backlog)
			.description("Events written to the outbox and not yet published")
			.register(meters);
		return outbox;
	}

	@Bean
	KeyPositions keyPositions(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
		return new KeyPositions(jdbc, transactions, meters);
	}

	@Bean
	Inbox inbox(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters, Faults faults,
			KeyPositions keyPositions) {
		return new Inbox(jdbc, transactions, meters, faults, keyPositions);
	}

	@Bean
	FlywayConfigurationCustomizer reliabilityMigrations() {
		return SharedMigrations.at(MIGRATIONS);
	}

	@Bean
	TopicDeclarations topicDeclarations(MessagingProperties properties) {
		return new TopicDeclarations(properties);
	}

	@Bean
	KafkaAdmin.NewTopics catalogTopics(TopicDeclarations declarations, EventCatalog catalog) {
		return declarations.declare(catalog.topics().toArray(String[]::new));
	}

	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties,
			KeyPositions keyPositions) {
		return ConsumerErrorHandling.errorHandler(kafka, properties.retry(), keyPositions);
	}

	/**
	 * Per-partition throughput; Spring Boot puts a single {@code RecordInterceptor} bean
	 * on every listener container (a second one would need a
	 * {@code CompositeRecordInterceptor} here).
	 */
	@Bean
	PartitionThroughput partitionThroughput(MeterRegistry meters) {
		return new PartitionThroughput(meters);
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		return new KafkaHealthIndicator(kafkaAdmin);
	}

	/** Producers wait for all in-sync replicas and never write a retried record twice. */
	@Bean
	DefaultKafkaProducerFactoryCustomizer reliableProducer() {
		return (factory) -> factory
			.updateConfigs(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
	}

	/**
	 * Consumers start from the beginning of a topic they have never read, and commit
	 * offsets only after the listener returned (after its database transaction
	 * committed): at least once. A consumer that dies without leaving its group (SIGKILL)
	 * holds its partitions until its session times out, so the timeout bounds how long
	 * its partitions stall: set here for the classic protocol, by the broker for the
	 * consumer protocol (docs/rebalancing.md). Polls and fetches are small, so that a
	 * rebalance never waits long for a member to finish the records it has, and a
	 * partition's backlog does not hold up the member's other partitions
	 * ({@link MessagingProperties#maxPollRecords()},
	 * {@link MessagingProperties#maxPartitionFetch()}).
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer atLeastOnceConsumer(MessagingProperties properties) {
		return (factory) -> factory.updateConfigs(consumerConfigs(properties));
	}

	static Map<String, Object> consumerConfigs(MessagingProperties properties) {
		Map<String, Object> configs = new HashMap<>(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
				properties.maxPollRecords(), ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
				(int) properties.maxPartitionFetch().toBytes()));
		switch (properties.groupProtocol()) {
			case CONSUMER -> configs.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
			case CLASSIC -> configs.putAll(Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
					ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
					ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.sessionTimeout().toMillis(),
					ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
					(int) properties.sessionTimeout().dividedBy(3).toMillis()));
		}
		return configs;
	}

}
