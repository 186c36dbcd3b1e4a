package dslab.drill.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import dslab.drill.audit.ClientLedger.AcknowledgedOrder;
import dslab.drill.audit.ClientLedger.UnknownOutcome;
import dslab.drill.audit.InventorySnapshot.Reservation;
import dslab.drill.audit.InventorySnapshot.ReservationStatus;
import dslab.drill.audit.InventorySnapshot.Stock;
import dslab.drill.audit.OrderServiceSnapshot.Order;
import dslab.drill.audit.OrderServiceSnapshot.OrderStatus;
import dslab.drill.audit.PaymentServiceSnapshot.Payment;
import dslab.drill.audit.PaymentServiceSnapshot.PaymentStatus;
import dslab.drill.audit.ProviderSnapshot.Charge;
import dslab.drill.audit.ProviderSnapshot.ChargeStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fabricates the books of a lab whose saga ran correctly, one order at a time, for a test
 * to break exactly one rule in.
 */
final class Shop {

	static final String CUSTOMER = "c-1";

	private static final Instant NOW = Instant.parse("2026-07-08T10:00:00Z");

	final List<Order> orders = new ArrayList<>();

	final Map<String, Stock> stock = new LinkedHashMap<>();

	final List<Reservation> reservations = new ArrayList<>();

	final List<Payment> payments = new ArrayList<>();

	final List<Charge> charges = new ArrayList<>();

	final List<AcknowledgedOrder> acknowledged = new ArrayList<>();

	final List<UnknownOutcome> unknownOutcomes = new ArrayList<>();

	final List<ConsumerCount> consumers = new ArrayList<>();

	private int keys;

	Shop() {
		stock("SKU-1", 100);
		stock("SKU-2", 50);
	}

	/** A shop with one order of every outcome and one still to be paid for. */
	static Shop withEveryOutcome() {
		Shop shop = new Shop();
		shop.confirmed("SKU-1", 2, "20.00");
		shop.confirmed("SKU-2", 1, "7.50");
		shop.rejected("SKU-2");
		shop.cancelled("SKU-1", 3, "30.00");
		return shop;
	}

	void stock(String sku, int initial) {
		this.stock.put(sku, new Stock(sku, initial, 0, initial, 0, 0));
	}

	/** Reserved, paid, sold. */
	UUID confirmed(String sku, int quantity, String amount) {
		UUID id = place(OrderStatus.CONFIRMED, null, amount);
		this.reservations.add(new Reservation(id, sku, quantity, ReservationStatus.SOLD));
		changeStock(sku, (s) -> new Stock(sku, s.initial(), s.restocked(), s.available() - quantity, s.reserved(),
				s.sold() + quantity));
		String chargeId = "ch_" + UUID.randomUUID();
		this.payments.add(new Payment(UUID.randomUUID(), id, CUSTOMER, new BigDecimal(amount), PaymentStatus.CAPTURED,
				chargeId, null));
		this.charges.add(new Charge(Books.chargeKey(id), chargeId, id, CUSTOMER, new BigDecimal(amount),
				ChargeStatus.CAPTURED, null));
		return id;
	}

	/** Out of stock: nothing reserved, nothing charged. */
	UUID rejected(String sku) {
		return place(OrderStatus.REJECTED, "insufficient stock for " + sku, null);
	}

	/** Reserved, declined, released. */
	UUID cancelled(String sku, int quantity, String amount) {
		UUID id = place(OrderStatus.CANCELLED, "card declined", amount);
		this.reservations.add(new Reservation(id, sku, quantity, ReservationStatus.RELEASED));
		String chargeId = "ch_" + UUID.randomUUID();
		this.payments.add(new Payment(UUID.randomUUID(), id, CUSTOMER, new BigDecimal(amount), PaymentStatus.DECLINED,
				chargeId, "card declined"));
		this.charges.add(new Charge(Books.chargeKey(id), chargeId, id, CUSTOMER, new BigDecimal(amount),
				ChargeStatus.DECLINED, "card declined"));
		return id;
	}

	/** Reserved, payment not decided yet. */
	UUID reserved(String sku, int quantity, String amount) {
		UUID id = place(OrderStatus.RESERVED, null, amount);
		this.reservations.add(new Reservation(id, sku, quantity, ReservationStatus.RESERVED));
		changeStock(sku, (s) -> new Stock(sku, s.initial(), s.restocked(), s.available() - quantity,
				s.reserved() + quantity, s.sold()));
		return id;
	}

	/** Placed, inventory has not answered yet. */
	UUID pending() {
		return place(OrderStatus.PENDING, null, null);
	}

	private UUID place(OrderStatus status, String reason, String amount) {
		UUID id = UUID.randomUUID();
		this.keys++;
		this.orders.add(new Order(id, CUSTOMER, status, reason, (amount != null) ? new BigDecimal(amount) : null,
				"k-" + this.keys, NOW, NOW.plusSeconds(1)));
		this.acknowledged.add(new AcknowledgedOrder(id, (amount != null) ? new BigDecimal(amount) : null));
		return id;
	}

	/**
	 * Takes the order out of the client's acknowledgements: the client timed out instead.
	 */
	void neverAnswered(UUID orderId) {
		this.acknowledged.removeIf((order) -> order.orderId().equals(orderId));
		this.unknownOutcomes.add(new UnknownOutcome(CUSTOMER, order(orderId).idempotencyKey(), "timeout"));
	}

	Order order(UUID orderId) {
		return this.orders.stream().filter((order) -> order.orderId().equals(orderId)).findFirst().orElseThrow();
	}

	void changeOrder(UUID orderId, UnaryOperator<Order> change) {
		this.orders.replaceAll((order) -> order.orderId().equals(orderId) ? change.apply(order) : order);
	}

	void changeStock(String sku, UnaryOperator<Stock> change) {
		this.stock.put(sku, change.apply(this.stock.get(sku)));
	}

	Payment payment(UUID orderId) {
		return this.payments.stream().filter((payment) -> payment.orderId().equals(orderId)).findFirst().orElseThrow();
	}

	void changePayment(UUID orderId, UnaryOperator<Payment> change) {
		this.payments.replaceAll((payment) -> payment.orderId().equals(orderId) ? change.apply(payment) : payment);
	}

	Charge charge(UUID orderId) {
		return this.charges.stream().filter((charge) -> charge.orderId().equals(orderId)).findFirst().orElseThrow();
	}

	void changeCharge(UUID orderId, UnaryOperator<Charge> change) {
		this.charges.replaceAll((charge) -> charge.orderId().equals(orderId) ? change.apply(charge) : charge);
	}

	void changeReservation(UUID orderId, UnaryOperator<Reservation> change) {
		this.reservations.replaceAll(
				(reservation) -> reservation.orderId().equals(orderId) ? change.apply(reservation) : reservation);
	}

	/** What inventory-service's consumers saw of their keys' order. */
	final List<OrderingCount> inventoryOrdering = new ArrayList<>();

	Snapshots snapshots() {
		return new Snapshots(new OrderServiceSnapshot("order-service", NOW, this.orders, this.consumers, 0),
				new InventorySnapshot("inventory-service", NOW, List.copyOf(this.stock.values()), this.reservations,
						List.of(), 0, this.inventoryOrdering),
				new PaymentServiceSnapshot("payment-service", NOW, this.payments, List.of(), 0),
				new ProviderSnapshot("payment-provider", NOW, this.charges));
	}

	ClientLedger ledger() {
		return new ClientLedger(this.acknowledged, this.unknownOutcomes);
	}

	AuditReport audit() {
		return new Auditor().audit(snapshots(), ledger());
	}

	/** The violations of the one check that failed; fails if another failed too. */
	List<String> violationsOfOnly(String check) {
		AuditReport report = audit();
		assertThat(report.failed()).as(report.summary()).extracting(CheckResult::name).containsExactly(check);
		return report.check(check).violations();
	}

	/** Fails if the check found anything. */
	void assertPasses(String check) {
		AuditReport report = audit();
		assertThat(report.check(check).violations()).as(report.summary()).isEmpty();
	}

	static Order withStatus(Order order, OrderStatus status) {
		return new Order(order.orderId(), order.customerId(), status, order.reason(), order.amount(),
				order.idempotencyKey(), order.createdAt(), order.updatedAt());
	}

	static Order withAmount(Order order, String amount) {
		return new Order(order.orderId(), order.customerId(), order.status(), order.reason(),
				(amount != null) ? new BigDecimal(amount) : null, order.idempotencyKey(), order.createdAt(),
				order.updatedAt());
	}

}
