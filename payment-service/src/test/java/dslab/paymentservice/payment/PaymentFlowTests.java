package dslab.paymentservice.payment;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dslab.cluster.KafkaBroker;
import dslab.contracts.InventoryEvent;
import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.PaymentEvent;
import dslab.contracts.PricedLine;
import dslab.contracts.SagaEvent;
import dslab.contracts.StockRejected;
import dslab.contracts.StockReserved;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.envelope.MalformedEventException;
import dslab.reliability.inbox.Inbox;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payment step end to end, as {@link PaymentFlow} lists it: inventory events in on a
 * real broker, the provider faked over HTTP, payment events out. Each subclass names the
 * database (a subclass's {@code @DynamicPropertySource} cannot override one declared
 * here, so none is).
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class PaymentFlowTests {

	static final ProviderStub provider = ProviderStub.start();

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private EnvelopeCodec codec;

	@Autowired
	private Inbox inbox;

	@Autowired
	private Payments payments;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MeterRegistry meters;

	private KafkaConsumer<String, String> paymentEvents;

	private final List<EventEnvelope> received = new ArrayList<>();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", KafkaBroker::shared);
		registry.add("lab.payment.provider.base-url", provider::baseUrl);
		// The budget and the breaker have tests of their own (ProviderPolicyTests); here
		// they must not let one test's failures change another's outcome.
		registry.add("lab.payment.provider.budget.min-retries", () -> "1000");
		registry.add("lab.payment.provider.breaker.minimum-calls", () -> "1000");
	}

	@BeforeEach
	void readPaymentEvents() {
		this.paymentEvents = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared(), ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		this.paymentEvents.subscribe(List.of(PaymentEvent.TOPIC));
	}

	@AfterEach
	void stopReadingPaymentEvents() {
		this.paymentEvents.close();
	}

	@Test
	void capturesPaymentForReservedStock() throws Exception {
		StockReserved reserved = stockReserved("c-1", "49.80");

		EventEnvelope cause = publish(reserved);

		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).singleElement()
			.satisfies((event) -> assertThat(event.causationId()).isEqualTo(cause.eventId()))
			.extracting(EventEnvelope::payload)
			.isInstanceOfSatisfying(PaymentCaptured.class, (captured) -> {
				assertThat(captured.amount()).isEqualByComparingTo("49.80");
				assertThat(captured.chargeId()).startsWith("ch_");
			}));
		assertThat(provider.callsFor(reserved.orderId())).singleElement().satisfies((call) -> {
			assertThat(call.idempotencyKey()).isEqualTo("order-" + reserved.orderId());
			assertThat(call.customerId()).isEqualTo("c-1");
			assertThat(call.amount()).isEqualByComparingTo("49.80");
			assertThat(call.currency()).isEqualTo("EUR");
		});
		PaymentCaptured captured = (PaymentCaptured) paymentEventsOf(reserved).get(0).payload();
		assertThat(this.mvc.get().uri("/api/payments?orderId={orderId}", reserved.orderId())).hasStatus(HttpStatus.OK)
			.bodyJson()
			.isLenientlyEqualTo("""
					[{"paymentId":"%s","orderId":"%s","customerId":"c-1","amount":49.80,"status":"CAPTURED",
					"chargeId":"%s","reason":null}]""".formatted(captured.paymentId(), reserved.orderId(),
					captured.chargeId()));
	}

	@Test
	void reportsDeclineWithTheProvidersReason() {
		StockReserved reserved = stockReserved("c-declined", "49.80");
		provider.answer(reserved.orderId(), 402);

		publish(reserved);

		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).singleElement()
			.extracting(EventEnvelope::payload)
			.isInstanceOfSatisfying(PaymentDeclined.class,
					(declined) -> assertThat(declined.reason()).isEqualTo("customer c-declined is blocked")));
		assertThat(this.payments.ofOrder(reserved.orderId())).singleElement().satisfies((payment) -> {
			assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
			assertThat(payment.reason()).isEqualTo("customer c-declined is blocked");
		});
	}

	@Test
	void dropsRedeliveredReservationWithoutChargingAgain() {
		StockReserved reserved = stockReserved("c-1", "15.00");
		EventEnvelope envelope = publish(reserved);
		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).hasSize(1));
		long duplicates = this.inbox.counts(PaymentFlow.CONSUMER).duplicates();

		send(envelope);

		eventually().untilAsserted(
				() -> assertThat(this.inbox.counts(PaymentFlow.CONSUMER).duplicates()).isGreaterThan(duplicates));
		assertThat(provider.callsFor(reserved.orderId())).hasSize(1);
		assertThat(this.payments.ofOrder(reserved.orderId())).hasSize(1);
		assertThat(paymentEventsOf(reserved)).hasSize(1);
	}

	@Test
	void chargesNothingMoreWhenStockIsReportedReservedAgain() {
		StockReserved reserved = stockReserved("c-1", "16.00");
		publish(reserved);
		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).hasSize(1));

		EventEnvelope again = publish(reserved);

		eventually().untilAsserted(() -> assertThat(handled(again)).isTrue());
		assertThat(provider.callsFor(reserved.orderId())).hasSize(1);
		assertThat(this.payments.ofOrder(reserved.orderId())).hasSize(1);
		assertThat(paymentEventsOf(reserved)).hasSize(1);
	}

	@Test
	void retriesUnavailableProviderUntilPaymentIsCaptured() {
		StockReserved reserved = stockReserved("c-1", "20.00");
		provider.answer(reserved.orderId(), 503, 503, 201);

		publish(reserved);

		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).singleElement()
			.extracting(EventEnvelope::payload)
			.isInstanceOf(PaymentCaptured.class));
		assertThat(provider.callsFor(reserved.orderId())).hasSize(3)
			.extracting(ProviderStub.Call::idempotencyKey)
			.containsOnly("order-" + reserved.orderId());
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(paymentEventsOf(reserved)).hasSize(1));
		assertThat(this.payments.ofOrder(reserved.orderId())).hasSize(1);
	}

	@Test
	void retriesWithTheSameKeyWhenTheProvidersAnswerIsLost() {
		StockReserved reserved = stockReserved("c-1", "20.00");
		provider.answer(reserved.orderId(), ProviderStub.LOST, ProviderStub.LOST, 201);

		publish(reserved);

		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).singleElement()
			.extracting(EventEnvelope::payload)
			.isInstanceOf(PaymentCaptured.class));
		assertThat(provider.callsFor(reserved.orderId())).hasSize(3)
			.extracting(ProviderStub.Call::idempotencyKey)
			.containsOnly("order-" + reserved.orderId());
		assertThat(this.payments.ofOrder(reserved.orderId())).hasSize(1);
	}

	@Test
	void redeliversThroughARetryTopicWhenTheRetriesInPlaceFail() {
		StockReserved reserved = stockReserved("c-1", "20.00");
		provider.answer(reserved.orderId(), 503, 503, 503, 201);

		publish(reserved);

		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).singleElement()
			.extracting(EventEnvelope::payload)
			.isInstanceOf(PaymentCaptured.class));
		List<ProviderStub.Call> calls = provider.callsFor(reserved.orderId());
		assertThat(calls).hasSize(4);
		assertThat(Duration.between(calls.get(2).at(), calls.get(3).at()))
			.as("the redelivery waits for the retry topic's delay")
			.isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(this.payments.ofOrder(reserved.orderId())).hasSize(1);
	}

	@Test
	void pausesWhileTheProviderIsAtCapacityInsteadOfUsingTheRetryTopics() {
		StockReserved reserved = stockReserved("c-1", "20.00");
		provider.answer(reserved.orderId(), ProviderStub.AT_CAPACITY, ProviderStub.AT_CAPACITY, 201);
		provider.retryAfter(reserved.orderId(), "1");
		long pausesBefore = pauses();

		publish(reserved);

		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).singleElement()
			.extracting(EventEnvelope::payload)
			.isInstanceOf(PaymentCaptured.class));
		List<ProviderStub.Call> calls = provider.callsFor(reserved.orderId());
		assertThat(calls).as("one call per delivery: a saturated provider is not retried in place").hasSize(3);
		for (int i = 1; i < calls.size(); i++) {
			assertThat(Duration.between(calls.get(i - 1).at(), calls.get(i).at()))
				.as("the consumer paused for the provider's Retry-After")
				.isGreaterThanOrEqualTo(Duration.ofMillis(900));
		}
		assertThat(pauses() - pausesBefore).isEqualTo(2);
		assertThat(keysOn(InventoryEvent.TOPIC + ChargeRedelivery.RETRY_SUFFIX + "-1000"))
			.as("nothing went through a retry topic")
			.doesNotContain(reserved.key());
		assertThat(this.payments.ofOrder(reserved.orderId())).hasSize(1);
	}

	@Test
	void declinesAnOrderThatWaitedTooLongAndCertainlyWasNotCharged() {
		StockReserved reserved = stockReserved("c-1", "20.00");
		provider.answer(reserved.orderId(), 503);

		publishReservedLongAgo(reserved);

		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).singleElement()
			.extracting(EventEnvelope::payload)
			.isInstanceOfSatisfying(PaymentDeclined.class,
					(declined) -> assertThat(declined.reason()).startsWith(PaymentFlow.GIVEN_UP)));
		assertThat(this.payments.ofOrder(reserved.orderId())).singleElement()
			.satisfies((payment) -> assertThat(payment.chargeId()).isNull());
	}

	@Test
	void neverGivesUpOnAChargeThatMayHaveBeenMade() {
		StockReserved reserved = stockReserved("c-1", "20.00");
		provider.answer(reserved.orderId(), ProviderStub.LOST, 503, 503, 201);

		publishReservedLongAgo(reserved);

		eventually().untilAsserted(() -> assertThat(paymentEventsOf(reserved)).singleElement()
			.extracting(EventEnvelope::payload)
			.isInstanceOf(PaymentCaptured.class));
		assertThat(provider.callsFor(reserved.orderId())).hasSize(4);
	}

	/**
	 * The retry topics' dead-letter records carry Spring Kafka's {@code kafka_original-*}
	 * and {@code kafka_exception-*} headers (the blocking consumers' use the
	 * {@code kafka_dlt-} prefix).
	 */
	@Test
	void deadLettersAnEventThatCanNeverBeHandled() throws Exception {
		RecordMetadata poison = this.kafka.send(InventoryEvent.TOPIC, "poison", "{not an event")
			.get(10, TimeUnit.SECONDS)
			.getRecordMetadata();

		try (KafkaConsumer<String, String> deadLetters = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared(), ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			deadLetters.subscribe(List.of(InventoryEvent.TOPIC + ChargeRedelivery.DEAD_LETTER_SUFFIX));
			List<ConsumerRecord<String, String>> found = new ArrayList<>();
			eventually().untilAsserted(() -> {
				deadLetters.poll(Duration.ofMillis(200)).forEach(found::add);
				assertThat(found)
					.filteredOn((record) -> number(record, KafkaHeaders.ORIGINAL_OFFSET) == poison.offset()
							&& number(record, KafkaHeaders.ORIGINAL_PARTITION) == poison.partition())
					.singleElement()
					.satisfies((record) -> {
						assertThat(record.value()).isEqualTo("{not an event");
						assertThat(header(record, KafkaHeaders.ORIGINAL_TOPIC)).isEqualTo(InventoryEvent.TOPIC);
						assertThat(header(record, KafkaHeaders.EXCEPTION_FQCN)).contains("ListenerExecutionFailed");
						assertThat(header(record, KafkaHeaders.EXCEPTION_CAUSE_FQCN))
							.isEqualTo(MalformedEventException.class.getName());
					});
			});
		}
	}

	@Test
	void ignoresRejectedStock() throws Exception {
		StockRejected rejected = new StockRejected(UUID.randomUUID(), "sku-1: 3 requested, 1 available");

		RecordMetadata record = send(this.codec.wrap(rejected, rejected.key(), rejected.orderId().toString(), null));

		eventually().untilAsserted(() -> assertThat(committedOffset(record)).isGreaterThan(record.offset()));
		assertThat(provider.callsFor(rejected.orderId())).isEmpty();
		assertThat(this.payments.ofOrder(rejected.orderId())).isEmpty();
	}

	private static StockReserved stockReserved(String customerId, String total) {
		return new StockReserved(UUID.randomUUID(), customerId,
				List.of(new PricedLine("sku-1", 1, new BigDecimal(total))), new BigDecimal(total));
	}

	private EventEnvelope publish(SagaEvent event) {
		EventEnvelope envelope = this.codec.wrap(event, event.key(), event.orderId().toString(), null);
		send(envelope);
		return envelope;
	}

	/** Publishes the event as if it had happened long before the give-up deadline. */
	private void publishReservedLongAgo(StockReserved event) {
		EventEnvelope now = this.codec.wrap(event, event.key(), event.orderId().toString(), null);
		send(new EventEnvelope(now.eventId(), now.type(), now.schemaVersion(), now.key(), now.sequence(),
				now.occurredAt().minus(Duration.ofMinutes(5)), now.correlationId(), now.causationId(), now.producer(),
				now.payload()));
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

	/** A number header as Spring Kafka writes it: a big-endian long or int. */
	private static long number(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		if (header == null) {
			return -1;
		}
		ByteBuffer value = ByteBuffer.wrap(header.value());
		return (header.value().length == Long.BYTES) ? value.getLong() : value.getInt();
	}

	private RecordMetadata send(EventEnvelope envelope) {
		try {
			return this.kafka.send(InventoryEvent.TOPIC, envelope.key(), this.codec.encode(envelope))
				.get(10, TimeUnit.SECONDS)
				.getRecordMetadata();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish " + envelope.type(), ex);
		}
	}

	/** The payment events of the order published so far, oldest first. */
	private List<EventEnvelope> paymentEventsOf(StockReserved reserved) {
		this.paymentEvents.poll(Duration.ofMillis(200))
			.forEach((record) -> this.received.add(this.codec.decode(record.value())));
		return this.received.stream().filter((event) -> event.key().equals(reserved.key())).toList();
	}

	private boolean handled(EventEnvelope event) {
		return this.jdbc.sql("SELECT COUNT(*) FROM inbox WHERE consumer = :consumer AND event_id = :eventId")
			.param("consumer", PaymentFlow.CONSUMER)
			.param("eventId", event.eventId())
			.query(Long.class)
			.single() == 1;
	}

	/** Where payment-service's consumer group stands on the record's partition. */
	private long committedOffset(RecordMetadata record) throws Exception {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared()))) {
			OffsetAndMetadata committed = admin.listConsumerGroupOffsets(PaymentFlow.CONSUMER)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS)
				.get(partition);
			return (committed != null) ? committed.offset() : -1;
		}
	}

	private long pauses() {
		Timer paused = this.meters.find("lab.payment.consumer.paused").tag("reason", "saturated").timer();
		return (paused != null) ? paused.count() : 0;
	}

	/** The keys of every record on a topic so far. */
	private static List<String> keysOn(String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared(), ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<String> keys = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> keys.add(record.key()));
			}
			return keys;
		}
	}

	private static ConditionFactory eventually() {
		return await().atMost(Duration.ofSeconds(30));
	}

}
