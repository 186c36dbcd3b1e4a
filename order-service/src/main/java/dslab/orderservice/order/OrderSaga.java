package dslab.orderservice.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dslab.contracts.OrderEvent;
import dslab.contracts.OrderLine;
import dslab.contracts.OrderPlaced;
import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.StockRejected;
import dslab.contracts.StockReserved;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.outbox.Outbox;
import dslab.reliability.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order saga as order-service takes part in it, step by step; inventory and payment
 * events arrive on two topics, so a payment outcome may be handled before the reservation
 * that led to it, and every step asks the order whether it still applies.
 */
@Service
class OrderSaga {

	private static final Logger logger = LoggerFactory.getLogger(OrderSaga.class);

	private final OrderRepository orders;

	private final Outbox outbox;

	private final MeterRegistry meters;

	OrderSaga(OrderRepository orders, Outbox outbox, MeterRegistry meters) {
		this.orders = orders;
		this.outbox = outbox;
		this.meters = meters;
	}

	/**
	 * 1. Place: a PENDING order and, in the same transaction, OrderPlaced for inventory
	 * to reserve its lines. The caller runs it at most once per idempotency key.
	 * @throws OrderRefused if the order breaks a rule, placing nothing
	 */
	@Transactional
	Order place(String customerId, List<OrderLine> lines, String idempotencyKey) {
		Order order = Order.place(customerId, lines);
		this.orders.insert(order, idempotencyKey);
		String orderId = order.id().toString();
		try (MDC.MDCCloseable ignored = MDC.putCloseable(Inbox.CORRELATION_ID, orderId)) {
			EventEnvelope placed = this.outbox.append(OrderEvent.TOPIC,
					new OrderPlaced(order.id().value(), customerId, lines), orderId, orderId, null);
			this.orders.appendToTimeline(order.id(), TimelineEntry.of(placed, describe(lines)));
			logger.info("Placed order {} for customer {}", orderId, customerId);
		}
		AfterCommit.run(() -> this.meters.counter("lab.orders.placed").increment());
		return order;
	}

	/** 2. Inventory reserved every line: the order waits for payment of the total. */
	@Transactional
	void on(StockReserved event, EventEnvelope envelope) {
		String detail = "reserved, total " + money(event.total());
		apply(event.orderId(), envelope, (order) -> {
			if (order.canReserve()) {
				order.markReserved(event.total());
				return detail;
			}
			if (order.canTakeLateReservation()) {
				order.takeLateReservation(event.total());
				return detail + " (after the payment outcome)";
			}
			return contradicted(order, envelope, detail);
		});
	}

	/**
	 * 3. Inventory could not reserve the order: it ends REJECTED. Nothing was reserved or
	 * charged, so there is nothing to compensate.
	 */
	@Transactional
	void on(StockRejected event, EventEnvelope envelope) {
		apply(event.orderId(), envelope, (order) -> {
			if (order.canReject()) {
				order.reject(event.reason());
				return event.reason();
			}
			return contradicted(order, envelope, event.reason());
		});
	}

	/** 4. Payment captured: the order ends CONFIRMED at the amount charged. */
	@Transactional
	void on(PaymentCaptured event, EventEnvelope envelope) {
		String detail = "captured " + money(event.amount()) + ", charge " + event.chargeId();
		apply(event.orderId(), envelope, (order) -> {
			if (order.canConfirm()) {
				order.confirm(event.amount());
				return detail;
			}
			return contradicted(order, envelope, detail);
		});
	}

	/**
	 * 5. Payment declined: the order ends CANCELLED. Compensation: inventory releases the
	 * reservation on this same event; this service has nothing to undo.
	 */
	@Transactional
	void on(PaymentDeclined event, EventEnvelope envelope) {
		String detail = "declined " + money(event.amount()) + ": " + event.reason();
		apply(event.orderId(), envelope, (order) -> {
			if (order.canCancel()) {
				order.cancel("payment declined: " + event.reason());
				return detail;
			}
			return contradicted(order, envelope, detail);
		});
	}

	/**
	 * Applies one step to the locked order and records the event in its timeline; the
	 * step returns the timeline's detail.
	 */
	private void apply(UUID orderId, EventEnvelope envelope, Function<Order, String> step) {
		Optional<Order> found = this.orders.lock(new OrderId(orderId));
		if (found.isEmpty()) {
			logger.warn("Ignored {} {}: there is no order {}", envelope.type(), envelope.eventId(), orderId);
			return;
		}
		Order order = found.get();
		OrderStatus before = order.status();
		String detail = step.apply(order);
		this.orders.update(order);
		this.orders.appendToTimeline(order.id(), TimelineEntry.of(envelope, detail));
		if (order.status() != before) {
			logger.info("Order {} is {} after {}", orderId, order.status(), envelope.type());
			if (order.status().isTerminal()) {
				String outcome = order.status().name().toLowerCase(Locale.ROOT);
				AfterCommit.run(() -> this.meters.counter("lab.orders.completed", "outcome", outcome).increment());
			}
		}
	}

	private static String contradicted(Order order, EventEnvelope envelope, String detail) {
		logger.warn("{} {} from {} contradicts order {}, which is {}; recorded in its timeline, status unchanged",
				envelope.type(), envelope.eventId(), envelope.producer(), order.id(), order.status());
		return detail + " (no effect: the order was " + order.status() + ")";
	}

	/** An amount as the order stores it, with two decimals. */
	private static String money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
	}

	private static String describe(List<OrderLine> lines) {
		return lines.stream().map((line) -> line.quantity() + " x " + line.sku()).collect(Collectors.joining(", "));
	}

}
