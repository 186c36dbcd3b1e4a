package dslab.orderservice.order;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dslab.contracts.OrderLine;

import static dslab.orderservice.order.OrderStatus.CANCELLED;
import static dslab.orderservice.order.OrderStatus.CONFIRMED;
import static dslab.orderservice.order.OrderStatus.PENDING;
import static dslab.orderservice.order.OrderStatus.REJECTED;
import static dslab.orderservice.order.OrderStatus.RESERVED;

/**
 * An order and the rules of how it moves through the saga: every change is a method that
 * refuses, naming the broken rule, when the order is not in a state that allows it.
 */
final class Order {

	private final OrderId id;

	private final String customerId;

	private final List<OrderLine> lines;

	private OrderStatus status;

	private String reason;

	private BigDecimal amount;

	private Order(OrderId id, String customerId, List<OrderLine> lines, OrderStatus status, String reason,
			BigDecimal amount) {
		this.id = Objects.requireNonNull(id, "id");
		this.customerId = Objects.requireNonNull(customerId, "customerId");
		this.lines = List.copyOf(lines);
		this.status = Objects.requireNonNull(status, "status");
		this.reason = reason;
		this.amount = amount;
	}

	/**
	 * A new order, waiting for inventory to reserve its lines.
	 * @throws OrderRefused if it has no lines or names a SKU on two lines
	 */
	static Order place(String customerId, List<OrderLine> lines) {
		if (lines.isEmpty()) {
			throw new OrderRefused("An order needs at least one line.");
		}
		Set<String> skus = new HashSet<>();
		for (OrderLine line : lines) {
			if (!skus.add(line.sku())) {
				throw new OrderRefused("SKU " + line.sku()
						+ " appears on two lines; an order names each SKU once. Put its whole quantity on one line.");
			}
		}
		return new Order(OrderId.random(), customerId, lines, PENDING, null, null);
	}

	/** An order as it was stored. */
	static Order restore(OrderId id, String customerId, List<OrderLine> lines, OrderStatus status, String reason,
			BigDecimal amount) {
		return new Order(id, customerId, lines, status, reason, amount);
	}

	boolean canReserve() {
		return this.status == PENDING;
	}

	void markReserved(BigDecimal total) {
		require(canReserve(), "only a PENDING order can be reserved");
		this.status = RESERVED;
		this.amount = Objects.requireNonNull(total, "total");
	}

	/**
	 * Whether the payment outcome overtook the reservation it followed (they arrive on
	 * different topics), so the reservation may still tell the amount.
	 */
	boolean canTakeLateReservation() {
		return this.status == CONFIRMED || this.status == CANCELLED;
	}

	void takeLateReservation(BigDecimal total) {
		require(canTakeLateReservation(),
				"only a CONFIRMED or CANCELLED order takes a reservation that arrived after its payment outcome");
		if (this.amount == null) {
			this.amount = Objects.requireNonNull(total, "total");
		}
	}

	boolean canReject() {
		return this.status == PENDING;
	}

	void reject(String reason) {
		require(canReject(), "only a PENDING order can be rejected");
		this.status = REJECTED;
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	boolean canConfirm() {
		return this.status == PENDING || this.status == RESERVED;
	}

	void confirm(BigDecimal captured) {
		require(canConfirm(), "only a PENDING or RESERVED order can be confirmed");
		this.status = CONFIRMED;
		this.amount = Objects.requireNonNull(captured, "captured");
	}

	boolean canCancel() {
		return this.status == PENDING || this.status == RESERVED;
	}

	void cancel(String reason) {
		require(canCancel(), "only a PENDING or RESERVED order can be cancelled");
		this.status = CANCELLED;
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	private void require(boolean allowed, String rule) {
		if (!allowed) {
			throw new IllegalStateException("Order " + this.id + " is " + this.status + "; " + rule);
		}
	}

	OrderId id() {
		return this.id;
	}

	String customerId() {
		return this.customerId;
	}

	List<OrderLine> lines() {
		return this.lines;
	}

	OrderStatus status() {
		return this.status;
	}

	String reason() {
		return this.reason;
	}

	BigDecimal amount() {
		return this.amount;
	}

}
