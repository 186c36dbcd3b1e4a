package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dslab.cluster.KafkaBroker;
import dslab.contracts.OrderLine;
import dslab.contracts.OrderPlaced;
import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.PricedLine;
import dslab.contracts.StockRejected;
import dslab.contracts.StockReserved;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.inbox.Inbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps of {@link InventoryFlow} end to end on a real broker: events go in on
 * {@code order-events} and {@code payment-events}, the outcome comes out on
 * {@code inventory-events} and shows in the stock.
 */
class InventoryFlowTest extends InventoryIntegrationTest {

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	JsonMapper json;

	@Autowired
	EventCatalog catalog;

	@Autowired
	Inbox inbox;

	SagaTraffic saga;

	@BeforeEach
	void connect() {
		this.saga = new SagaTraffic(this.kafka, new EnvelopeCodec(this.json, this.catalog, "inventory-flow-test"),
				KafkaBroker.shared());
	}

	@AfterEach
	void disconnect() {
		this.saga.close();
	}

	// Step 1: OrderPlaced reserves every line or none.

	@Test
	void reservesEveryLineAndPublishesUnitPricesAndTotal() {
		String beans = newSku("12.50", 10);
		String cups = newSku("3.20", 5);
		UUID orderId = UUID.randomUUID();

		EventEnvelope placed = this.saga.send(order(orderId, new OrderLine(beans, 2), new OrderLine(cups, 3)));

		EventEnvelope reserved = eventually()
			.until(() -> this.saga.publishedFor(orderId), (events) -> !events.isEmpty())
			.getFirst();
		// Caused by the last line's answer, which a ReserveLine caused, which the order
		// caused.
		assertThat(causeOf(reserved.causationId())).isEqualTo("LineReserved");
		assertThat(
				this.jdbc.sql("SELECT COUNT(*) FROM outbox WHERE event_type = 'ReserveLine' AND envelope LIKE :cause")
					.param("cause", "%\"causationId\":\"" + placed.eventId() + "\"%")
					.query(Long.class)
					.single())
			.isEqualTo(2);
		assertThat(reserved.correlationId()).isEqualTo(orderId.toString());
		StockReserved event = reserved.payloadAs(StockReserved.class);
		assertThat(event.customerId()).isEqualTo("customer-1");
		assertThat(event.lines()).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.ignoringCollectionOrder()
			.isEqualTo(List.of(new PricedLine(beans, 2, new BigDecimal("12.50")),
					new PricedLine(cups, 3, new BigDecimal("3.20"))));
		assertThat(event.total()).isEqualByComparingTo("34.60");
		assertThat(stockOf(beans)).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
			.containsExactly(8, 2, 0);
		assertThat(stockOf(cups)).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
			.containsExactly(2, 3, 0);
		assertThat(reservationStatuses(orderId)).containsExactly("RESERVED", "RESERVED");
	}

	@Test
	void rejectsWholeOrderAndReleasesTheReservedLinesWhenOneLineIsShort() {
		String plenty = newSku("12.50", 10);
		String scarce = newSku("89.00", 3);
		UUID orderId = UUID.randomUUID();

		this.saga.send(order(orderId, new OrderLine(plenty, 2), new OrderLine(scarce, 4)));

		eventually().untilAsserted(() -> assertThat(this.saga.eventsFor(orderId)).containsExactly(
				new StockRejected(orderId, "insufficient stock for " + scarce + ": requested 4, available 3")));
		// The compensation: the line that was reserved goes back.
		eventually().untilAsserted(() -> assertThat(reservationStatuses(orderId)).containsExactly("RELEASED"));
		assertThat(stockOf(plenty)).extracting(StockItem::available, StockItem::reserved).containsExactly(10, 0);
		assertThat(stockOf(scarce)).extracting(StockItem::available, StockItem::reserved).containsExactly(3, 0);
	}

	@Test
	void reservesAnOrderOfSixSkusAcrossTheirPartitions() {
		List<String> skus = IntStream.range(0, 6).mapToObj((i) -> newSku("1.00", 5)).toList();
		UUID orderId = UUID.randomUUID();

		this.saga.send(new OrderPlaced(orderId, "customer-1",
				skus.stream().map((sku) -> new OrderLine(sku, 1 + skus.indexOf(sku) % 3)).toList()));

		StockReserved reserved = eventually().until(() -> this.saga.eventsFor(orderId), (events) -> !events.isEmpty())
			.stream()
			.map(StockReserved.class::cast)
			.findFirst()
			.orElseThrow();
		assertThat(reserved.lines()).extracting(PricedLine::sku).containsExactlyInAnyOrderElementsOf(skus);
		assertThat(reserved.total()).isEqualByComparingTo("12.00");
		assertThat(skus.stream().map(InventoryFlowTest::partitionOf).distinct().count())
			.as("partitions of stock-movements the lines went to")
			.isGreaterThan(1);
		assertThat(reservationStatuses(orderId)).hasSize(6).containsOnly("RESERVED");
		assertThat(joinStatus(orderId)).isEqualTo("RESERVED");
	}

	@Test
	void rejectsWithEveryRefusalReasonAndReleasesTheRest() {
		String plenty = newSku("2.00", 10);
		String scarce = newSku("3.00", 1);
		String unknown = "NO-SUCH-" + UUID.randomUUID().toString().substring(0, 8);
		UUID orderId = UUID.randomUUID();

		this.saga.send(order(orderId, new OrderLine(plenty, 4), new OrderLine(scarce, 2), new OrderLine(unknown, 1)));

		eventually().untilAsserted(() -> assertThat(this.saga.eventsFor(orderId)).singleElement()
			.isInstanceOfSatisfying(StockRejected.class, (rejected) -> assertThat(rejected.reason())
				.isEqualTo(String.join("; ", java.util.stream.Stream
					.of("unknown SKU: " + unknown, "insufficient stock for " + scarce + ": requested 2, available 1")
					.sorted(java.util.Comparator.comparing((reason) -> reason.contains(unknown) ? unknown : scarce))
					.toList()))));
		eventually().untilAsserted(
				() -> assertThat(stockOf(plenty)).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
					.containsExactly(10, 0, 0));
		assertThat(reservationStatuses(orderId)).containsExactly("RELEASED");
		assertThat(joinStatus(orderId)).isEqualTo("REJECTED");
	}

	@Test
	void rejectsOrderWithUnknownSku() {
		String known = newSku("7.50", 10);
		String unknown = "NO-SUCH-" + UUID.randomUUID().toString().substring(0, 8);
		UUID orderId = UUID.randomUUID();

		this.saga.send(order(orderId, new OrderLine(known, 1), new OrderLine(unknown, 1)));

		eventually().untilAsserted(() -> assertThat(this.saga.eventsFor(orderId))
			.containsExactly(new StockRejected(orderId, "unknown SKU: " + unknown)));
		// The known line was reserved by its SKU's owner; the join's release comes after
		// the
		// rejection, on another partition.
		eventually().untilAsserted(() -> assertThat(stockOf(known).available()).isEqualTo(10));
		assertThat(reservationStatuses(orderId)).containsExactly("RELEASED");
	}

	@Test
	void reservesOnceWhenTheSameOrderPlacedIsDeliveredTwice() {
		String sku = newSku("24.90", 10);
		UUID orderId = UUID.randomUUID();
		long duplicatesBefore = this.inbox.counts(InventoryFlow.CONSUMER).duplicates();

		EventEnvelope placed = this.saga.send(order(orderId, new OrderLine(sku, 2)));
		this.saga.send(placed);

		eventually().untilAsserted(() -> assertThat(this.inbox.counts(InventoryFlow.CONSUMER).duplicates())
			.isEqualTo(duplicatesBefore + 1));
		// The splitter dropped the copy; the SKU's owner and the joiner act after it.
		eventually().untilAsserted(() -> {
			assertThat(stockOf(sku)).extracting(StockItem::available, StockItem::reserved).containsExactly(8, 2);
			assertThat(outboxEventsFor(orderId)).isEqualTo(1);
		});
	}

	@Test
	void ignoresAnotherOrderPlacedForAnOrderThatAlreadyHoldsStock() {
		String sku = newSku("24.90", 10);
		UUID orderId = UUID.randomUUID();

		this.saga.send(order(orderId, new OrderLine(sku, 2)));
		EventEnvelope again = this.saga.send(order(orderId, new OrderLine(sku, 2)));

		eventually().untilAsserted(() -> assertThat(handled(again)).isTrue());
		// The splitter ignored the second OrderPlaced; the SKU's owner and the joiner act
		// after it.
		eventually().untilAsserted(() -> {
			assertThat(stockOf(sku)).extracting(StockItem::available, StockItem::reserved).containsExactly(8, 2);
			assertThat(outboxEventsFor(orderId)).isEqualTo(1);
		});
	}

	@Test
	void neverOversellsWhenOrdersRaceForTheLastUnits() {
		String sku = newSku("89.00", 7);
		List<UUID> orderIds = IntStream.range(0, 20).mapToObj((i) -> UUID.randomUUID()).toList();

		this.saga.sendAll(orderIds.stream().map((orderId) -> order(orderId, new OrderLine(sku, 2))).toList());

		List<Object> outcomes = new ArrayList<>();
		eventually().untilAsserted(() -> {
			outcomes.clear();
			orderIds.forEach((orderId) -> outcomes.addAll(this.saga.eventsFor(orderId)));
			assertThat(outcomes).hasSize(orderIds.size());
		});
		assertThat(outcomes).filteredOn(StockReserved.class::isInstance).hasSize(7 / 2);
		assertThat(outcomes).filteredOn(StockRejected.class::isInstance).hasSize(orderIds.size() - 7 / 2);
		assertThat(stockOf(sku)).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
			.containsExactly(1, 6, 0);
	}

	// Step 2: PaymentCaptured sells what the order holds.

	@Test
	void sellsReservedStockWhenPaymentIsCaptured() {
		String sku = newSku("39.00", 10);
		UUID orderId = reserved(sku, 2);

		this.saga.send(new PaymentCaptured(orderId, UUID.randomUUID(), new BigDecimal("78.00"), "ch_1"));

		eventually().untilAsserted(
				() -> assertThat(stockOf(sku)).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
					.containsExactly(8, 0, 2));
		assertThat(reservationStatuses(orderId)).containsExactly("SOLD");
	}

	// Step 3, compensation: PaymentDeclined releases what the order holds.

	@Test
	void releasesReservedStockWhenPaymentIsDeclined() {
		String sku = newSku("39.00", 10);
		UUID orderId = reserved(sku, 2);

		this.saga.send(new PaymentDeclined(orderId, UUID.randomUUID(), new BigDecimal("78.00"), "card declined"));

		eventually().untilAsserted(
				() -> assertThat(stockOf(sku)).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
					.containsExactly(10, 0, 0));
		assertThat(reservationStatuses(orderId)).containsExactly("RELEASED");
	}

	@Test
	void changesNothingForAPaymentOutcomeOfAnOrderHoldingNoReservedStock() {
		String sku = newSku("39.00", 10);
		UUID orderId = reserved(sku, 2);
		this.saga.send(new PaymentDeclined(orderId, UUID.randomUUID(), new BigDecimal("78.00"), "card declined"));
		eventually().untilAsserted(() -> assertThat(reservationStatuses(orderId)).containsExactly("RELEASED"));

		EventEnvelope declinedAgain = this.saga
			.send(new PaymentDeclined(orderId, UUID.randomUUID(), new BigDecimal("78.00"), "card declined"));
		EventEnvelope capturedLate = this.saga
			.send(new PaymentCaptured(orderId, UUID.randomUUID(), new BigDecimal("78.00"), "ch_2"));

		eventually().untilAsserted(() -> assertThat(handled(declinedAgain) && handled(capturedLate)).isTrue());
		assertThat(stockOf(sku)).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
			.containsExactly(10, 0, 0);
		assertThat(reservationStatuses(orderId)).containsExactly("RELEASED");
	}

	/** Places an order for one line and waits until its stock is reserved. */
	private UUID reserved(String sku, int quantity) {
		UUID orderId = UUID.randomUUID();
		this.saga.send(order(orderId, new OrderLine(sku, quantity)));
		eventually().untilAsserted(
				() -> assertThat(this.saga.eventsFor(orderId)).singleElement().isInstanceOf(StockReserved.class));
		return orderId;
	}

	private static OrderPlaced order(UUID orderId, OrderLine... lines) {
		return new OrderPlaced(orderId, "customer-1", List.of(lines));
	}

	private List<String> reservationStatuses(UUID orderId) {
		return this.jdbc.sql("SELECT status FROM reservations WHERE order_id = :orderId ORDER BY sku")
			.param("orderId", orderId)
			.query(String.class)
			.list();
	}

	/**
	 * The partition of a 6-partition topic Kafka's default partitioner picks for a key.
	 */
	private static int partitionOf(String key) {
		return org.apache.kafka.common.utils.Utils.toPositive(
				org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 6;
	}

	private String causeOf(UUID eventId) {
		return this.jdbc.sql("SELECT event_type FROM outbox WHERE event_id = :id")
			.param("id", eventId)
			.query(String.class)
			.single();
	}

	private String joinStatus(UUID orderId) {
		return this.jdbc.sql("SELECT status FROM order_reservations WHERE order_id = :orderId")
			.param("orderId", orderId)
			.query(String.class)
			.single();
	}

	/** What the inventory told the saga about the order. */
	private long outboxEventsFor(UUID orderId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox WHERE record_key = :key AND topic = 'inventory-events'")
			.param("key", orderId.toString())
			.query(Long.class)
			.single();
	}

	private boolean handled(EventEnvelope envelope) {
		return this.jdbc.sql("SELECT COUNT(*) FROM inbox WHERE consumer = :consumer AND event_id = :eventId")
			.param("consumer", InventoryFlow.CONSUMER)
			.param("eventId", envelope.eventId())
			.query(Long.class)
			.single() == 1;
	}

}
