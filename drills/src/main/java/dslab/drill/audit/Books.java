package dslab.drill.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dslab.drill.audit.ClientLedger.AcknowledgedOrder;
import dslab.drill.audit.OrderServiceSnapshot.Order;
import dslab.drill.audit.PaymentServiceSnapshot.Payment;
import dslab.drill.audit.PaymentServiceSnapshot.PaymentStatus;
import dslab.drill.audit.ProviderSnapshot.Charge;
import dslab.drill.audit.ProviderSnapshot.ChargeStatus;

/**
 * The four services' books and the client's ledger, indexed the way the checks look
 * things up.
 */
final class Books {

	private static final String CHARGE_KEY_PREFIX = "order-";

	private final Snapshots snapshots;

	private final ClientLedger ledger;

	private final Map<UUID, List<Order>> listingsById = new LinkedHashMap<>();

	private final Map<PlacedWith, List<Order>> ordersByIdempotencyKey = new LinkedHashMap<>();

	private final Map<UUID, List<Payment>> paymentsByOrder = new LinkedHashMap<>();

	private final Map<String, List<Charge>> chargesByKey = new LinkedHashMap<>();

	private final Map<UUID, List<Charge>> chargesByOrder = new LinkedHashMap<>();

	private final Map<UUID, AcknowledgedOrder> acknowledged = new LinkedHashMap<>();

	Books(Snapshots snapshots, ClientLedger ledger) {
		this.snapshots = snapshots;
		this.ledger = ledger;
		for (Order order : snapshots.orders().orders()) {
			List<Order> listings = this.listingsById.computeIfAbsent(order.orderId(), (id) -> new ArrayList<>());
			if (listings.isEmpty() && order.idempotencyKey() != null) {
				this.ordersByIdempotencyKey
					.computeIfAbsent(new PlacedWith(order.customerId(), order.idempotencyKey()),
							(key) -> new ArrayList<>())
					.add(order);
			}
			listings.add(order);
		}
		for (Payment payment : snapshots.payments().payments()) {
			this.paymentsByOrder.computeIfAbsent(payment.orderId(), (id) -> new ArrayList<>()).add(payment);
		}
		for (Charge charge : snapshots.provider().charges()) {
			this.chargesByKey.computeIfAbsent(charge.idempotencyKey(), (key) -> new ArrayList<>()).add(charge);
			this.chargesByOrder.computeIfAbsent(charge.orderId(), (id) -> new ArrayList<>()).add(charge);
		}
		ledger.acknowledged().forEach((order) -> this.acknowledged.putIfAbsent(order.orderId(), order));
	}

	Snapshots snapshots() {
		return this.snapshots;
	}

	ClientLedger ledger() {
		return this.ledger;
	}

	/** Every order once, as first listed, even if order-service lists it twice. */
	List<Order> orders() {
		return this.listingsById.values().stream().map(List::getFirst).toList();
	}

	Optional<Order> order(UUID orderId) {
		return listings(orderId).stream().findFirst();
	}

	/**
	 * How order-service lists the order: once, or, if its books are wrong, never or more.
	 */
	List<Order> listings(UUID orderId) {
		return this.listingsById.getOrDefault(orderId, List.of());
	}

	/**
	 * The acknowledged orders, each once, even if a retry with the same key was
	 * acknowledged again.
	 */
	Collection<AcknowledgedOrder> acknowledged() {
		return this.acknowledged.values();
	}

	List<UUID> lost() {
		return acknowledged().stream().map(AcknowledgedOrder::orderId).filter((id) -> listings(id).isEmpty()).toList();
	}

	/**
	 * The distinct orders each customer's idempotency key created, in order of listing.
	 */
	Map<PlacedWith, List<Order>> ordersByIdempotencyKey() {
		return this.ordersByIdempotencyKey;
	}

	List<Order> ordersPlacedWith(String customerId, String idempotencyKey) {
		return this.ordersByIdempotencyKey.getOrDefault(new PlacedWith(customerId, idempotencyKey), List.of());
	}

	/**
	 * Orders that should not exist: extra listings of an acknowledged order, and every
	 * order after the first that one idempotency key created.
	 */
	int duplicated() {
		int extraListings = acknowledged().stream()
			.mapToInt((order) -> Math.max(0, listings(order.orderId()).size() - 1))
			.sum();
		int extraOrders = this.ordersByIdempotencyKey.values().stream().mapToInt((orders) -> orders.size() - 1).sum();
		return extraListings + extraOrders;
	}

	Map<UUID, List<Payment>> paymentsByOrder() {
		return this.paymentsByOrder;
	}

	List<Payment> capturedPayments(UUID orderId) {
		return this.paymentsByOrder.getOrDefault(orderId, List.of())
			.stream()
			.filter((payment) -> payment.status() == PaymentStatus.CAPTURED)
			.toList();
	}

	/**
	 * The provider's captured charges under the key payment-service uses for the order.
	 */
	List<Charge> capturedCharges(UUID orderId) {
		return this.chargesByKey.getOrDefault(chargeKey(orderId), List.of())
			.stream()
			.filter((charge) -> charge.status() == ChargeStatus.CAPTURED)
			.toList();
	}

	/**
	 * Orders whose customer paid more than once: by payment-service's books or by the
	 * provider's, under whatever key.
	 */
	int doubleCharges() {
		Set<UUID> orderIds = new LinkedHashSet<>(this.paymentsByOrder.keySet());
		orderIds.addAll(this.chargesByOrder.keySet());
		return (int) orderIds.stream()
			.filter((id) -> capturedPayments(id).size() > 1 || capturedChargesAnyKey(id) > 1)
			.count();
	}

	private long capturedChargesAnyKey(UUID orderId) {
		return this.chargesByOrder.getOrDefault(orderId, List.of())
			.stream()
			.filter((charge) -> charge.status() == ChargeStatus.CAPTURED)
			.count();
	}

	static String chargeKey(UUID orderId) {
		return CHARGE_KEY_PREFIX + orderId;
	}

	/** The order a provider key names, if it is one of payment-service's keys. */
	static Optional<UUID> orderOfChargeKey(String idempotencyKey) {
		if (idempotencyKey == null || !idempotencyKey.startsWith(CHARGE_KEY_PREFIX)) {
			return Optional.empty();
		}
		try {
			UUID orderId = UUID.fromString(idempotencyKey.substring(CHARGE_KEY_PREFIX.length()));
			// UUID.fromString also takes short forms such as 1-2-3-4-5; payment-service
			// never
			// writes them.
			return chargeKey(orderId).equals(idempotencyKey) ? Optional.of(orderId) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** Money is equal whatever its scale: 12.5 is 12.50. */
	static boolean sameAmount(BigDecimal one, BigDecimal other) {
		return one != null && other != null && one.compareTo(other) == 0;
	}

	static String money(BigDecimal amount) {
		return (amount != null) ? amount.toPlainString() : "no amount";
	}

	/** The customer and the {@code Idempotency-Key} an order was placed with. */
	record PlacedWith(String customerId, String idempotencyKey) {

		@Override
		public String toString() {
			return "customer " + this.customerId + "'s Idempotency-Key " + this.idempotencyKey;
		}

	}

}
