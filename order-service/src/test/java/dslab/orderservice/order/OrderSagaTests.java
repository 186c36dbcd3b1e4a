package dslab.orderservice.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dslab.cluster.KafkaBroker;
import dslab.contracts.OrderEvent;
import dslab.contracts.OrderLine;
import dslab.contracts.OrderPlaced;
import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.PricedLine;
import dslab.contracts.SagaEvent;
import dslab.contracts.StockRejected;
import dslab.contracts.StockReserved;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga end to end on a real broker, step by step as {@link OrderSaga} lists it:
 * orders are placed over HTTP, inventory and payment events are fed in as those services
 * would publish them.
 */
class OrderSagaTests extends IntegrationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final BigDecimal TOTAL = new BigDecimal("25.00");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private EnvelopeCodec codec;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private OrderRepository orders;

	@Autowired
	private Inbox inbox;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void placingAnOrderPublishesOrderPlacedKeyedByItsId() {
		UUID orderId = place("c-saga");

		List<EventEnvelope> published = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer()) {
			consumer.subscribe(List.of(OrderEvent.TOPIC));
			await().atMost(TIMEOUT).untilAsserted(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (orderId.toString().equals(record.key())) {
						published.add(this.codec.decode(record.value()));
					}
				}
				assertThat(published).isNotEmpty();
			});
		}

		EventEnvelope placed = published.getFirst();
		assertThat(placed.type()).isEqualTo("OrderPlaced");
		assertThat(placed.key()).isEqualTo(orderId.toString());
		assertThat(placed.correlationId()).isEqualTo(orderId.toString());
		assertThat(placed.producer()).isEqualTo("order-service");
		assertThat(placed.causationId()).isNull();
		assertThat(placed.payload()).isEqualTo(new OrderPlaced(orderId, "c-saga", List.of(new OrderLine("SKU-1", 2))));
	}

	@Test
	void reservedAndCapturedOrderIsConfirmed() {
		UUID orderId = place("c-saga");

		publish(stockReserved(orderId));
		awaitStatus(orderId, OrderStatus.RESERVED);
		assertThat(details(orderId).amount()).isEqualByComparingTo(TOTAL);

		publish(paymentCaptured(orderId, TOTAL));
		awaitStatus(orderId, OrderStatus.CONFIRMED);

		OrderDetails order = details(orderId);
		assertThat(order.amount()).isEqualByComparingTo(TOTAL);
		assertThat(order.reason()).isNull();
		assertThat(order.timeline()).extracting(TimelineEntry::type)
			.containsExactly("OrderPlaced", "StockReserved", "PaymentCaptured");
		assertThat(order.timeline()).extracting(TimelineEntry::producer)
			.containsExactly("order-service", "inventory-service", "payment-service");
		assertThat(order.timeline()).extracting(TimelineEntry::detail)
			.containsExactly("2 x SKU-1", "reserved, total 25.00", "captured 25.00, charge ch-1");
	}

	@Test
	void rejectedStockRejectsTheOrder() {
		UUID orderId = place("c-saga");

		publish(envelope("inventory-service", new StockRejected(orderId, "SKU-1: 1 available, 2 requested")));
		awaitStatus(orderId, OrderStatus.REJECTED);

		OrderDetails order = details(orderId);
		assertThat(order.reason()).isEqualTo("SKU-1: 1 available, 2 requested");
		assertThat(order.amount()).isNull();
		assertThat(order.timeline()).extracting(TimelineEntry::type).containsExactly("OrderPlaced", "StockRejected");
	}

	@Test
	void declinedPaymentCancelsTheReservedOrder() {
		UUID orderId = place("c-saga");

		publish(stockReserved(orderId));
		awaitStatus(orderId, OrderStatus.RESERVED);
		publish(paymentDeclined(orderId));
		awaitStatus(orderId, OrderStatus.CANCELLED);

		OrderDetails order = details(orderId);
		assertThat(order.reason()).isEqualTo("payment declined: insufficient funds");
		assertThat(order.amount()).isEqualByComparingTo(TOTAL);
		assertThat(order.timeline()).extracting(TimelineEntry::type)
			.containsExactly("OrderPlaced", "StockReserved", "PaymentDeclined");
	}

	@Test
	void captureHandledBeforeItsReservationStillConfirmsTheOrder() {
		UUID orderId = place("c-saga");
		EventEnvelope reserved = stockReserved(orderId);
		EventEnvelope captured = paymentCaptured(orderId, new BigDecimal("24.50"));

		publish(captured);
		awaitStatus(orderId, OrderStatus.CONFIRMED);
		publish(reserved);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(details(orderId).timeline()).hasSize(3));

		OrderDetails order = details(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(order.amount()).isEqualByComparingTo("24.50");
		assertThat(order.timeline()).extracting(TimelineEntry::type)
			.containsExactly("OrderPlaced", "StockReserved", "PaymentCaptured");
	}

	@Test
	void declineHandledBeforeItsReservationCancelsTheOrderAndTakesTheReservedTotal() {
		UUID orderId = place("c-saga");
		EventEnvelope reserved = stockReserved(orderId);

		publish(paymentDeclined(orderId));
		awaitStatus(orderId, OrderStatus.CANCELLED);
		publish(reserved);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(details(orderId).amount()).isNotNull());

		OrderDetails order = details(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.amount()).isEqualByComparingTo(TOTAL);
		assertThat(order.timeline()).extracting(TimelineEntry::detail)
			.contains("reserved, total 25.00 (after the payment outcome)");
	}

	@Test
	void eventContradictingAFinishedOrderIsRecordedButChangesNothing() {
		UUID orderId = place("c-saga");
		publish(stockReserved(orderId));
		awaitStatus(orderId, OrderStatus.RESERVED);
		publish(paymentCaptured(orderId, TOTAL));
		awaitStatus(orderId, OrderStatus.CONFIRMED);

		publish(envelope("inventory-service", new StockRejected(orderId, "SKU-1: 0 available, 2 requested")));
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(details(orderId).timeline()).hasSize(4));

		OrderDetails order = details(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(order.reason()).isNull();
		assertThat(order.timeline().getLast().detail())
			.isEqualTo("SKU-1: 0 available, 2 requested (no effect: the order was CONFIRMED)");
	}

	@Test
	void redeliveredPaymentDeclinedIsDroppedAsDuplicate() {
		UUID orderId = place("c-saga");
		publish(stockReserved(orderId));
		awaitStatus(orderId, OrderStatus.RESERVED);
		long duplicatesBefore = this.inbox.counts(SagaEventListener.CONSUMER).duplicates();
		EventEnvelope declined = paymentDeclined(orderId);

		publish(declined);
		publish(declined);

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.inbox.counts(SagaEventListener.CONSUMER).duplicates())
				.isEqualTo(duplicatesBefore + 1));
		OrderDetails order = details(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.reason()).isEqualTo("payment declined: insufficient funds");
		assertThat(order.timeline()).extracting(TimelineEntry::type)
			.containsExactly("OrderPlaced", "StockReserved", "PaymentDeclined");
	}

	@Test
	void eventForAnUnknownOrderIsIgnored() {
		UUID unknown = UUID.randomUUID();
		EventEnvelope reserved = stockReserved(unknown);

		publish(reserved);

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.jdbc.sql("SELECT COUNT(*) FROM inbox WHERE event_id = :eventId")
				.param("eventId", reserved.eventId())
				.query(Long.class)
				.single()).isEqualTo(1));
		assertThat(this.orders.findDetails(new OrderId(unknown))).isEmpty();
	}

	private UUID place(String customerId) {
		MvcTestResult result = this.mvc.post()
			.uri("/api/orders")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"customerId": "%s", "lines": [{"sku": "SKU-1", "quantity": 2}]}
					""".formatted(customerId))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return UUID
			.fromString(this.json.readTree(result.getResponse().getContentAsByteArray()).get("orderId").asString());
	}

	private OrderDetails details(UUID orderId) {
		return this.orders.findDetails(new OrderId(orderId)).orElseThrow();
	}

	private void awaitStatus(UUID orderId, OrderStatus status) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(details(orderId).status()).isEqualTo(status));
	}

	private static EventEnvelope stockReserved(UUID orderId) {
		return envelope("inventory-service", new StockReserved(orderId, "c-saga",
				List.of(new PricedLine("SKU-1", 2, new BigDecimal("12.50"))), TOTAL));
	}

	private static EventEnvelope paymentCaptured(UUID orderId, BigDecimal amount) {
		return envelope("payment-service", new PaymentCaptured(orderId, UUID.randomUUID(), amount, "ch-1"));
	}

	private static EventEnvelope paymentDeclined(UUID orderId) {
		return envelope("payment-service",
				new PaymentDeclined(orderId, UUID.randomUUID(), TOTAL, "insufficient funds"));
	}

	/** An envelope as the named service would publish it. */
	private static EventEnvelope envelope(String producer, SagaEvent event) {
		return new EventEnvelope(UUID.randomUUID(), event.getClass().getSimpleName(), SagaEvent.SCHEMA_VERSION,
				event.key(), null, Instant.now(), event.orderId().toString(), null, producer, event);
	}

	private void publish(EventEnvelope envelope) {
		SagaEvent event = (SagaEvent) envelope.payload();
		try {
			this.kafka.send(event.topic(), envelope.key(), this.codec.encode(envelope)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish " + envelope.type(), ex);
		}
	}

	private static KafkaConsumer<String, String> consumer() {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared(), ConsumerConfig.GROUP_ID_CONFIG,
						"order-saga-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
	}

}
