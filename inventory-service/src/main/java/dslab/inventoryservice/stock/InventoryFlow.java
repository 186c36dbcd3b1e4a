package dslab.inventoryservice.stock;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import dslab.contracts.OrderPlaced;
import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.StockRejected;
import dslab.contracts.StockReserved;
import dslab.inventoryservice.stock.LineOutcome.LineRefused;
import dslab.inventoryservice.stock.LineOutcome.LineReserved;
import dslab.inventoryservice.stock.OrderJoin.Decision;
import dslab.inventoryservice.stock.Reservations.Reservation;
import dslab.inventoryservice.stock.Reservations.Status;
import dslab.inventoryservice.stock.StockMovement.ReleaseLine;
import dslab.inventoryservice.stock.StockMovement.ReserveLine;
import dslab.inventoryservice.stock.StockMovement.SellLine;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory's part of the order saga, step by step. Stock is sharded by SKU: an order
 * is split into one line per SKU on {@code stock-movements} (keyed by SKU, so the one
 * consumer owning a SKU's partition is the only writer of its stock) and the owners'
 * answers are joined back per order on {@code stock-line-outcomes} (keyed by order id).
 * <ol>
 * <li>{@link OrderPlaced} (splitter): record the order's join and ask for each SKU with a
 * {@link ReserveLine};</li>
 * <li>{@link ReserveLine} (the SKU's owner): reserve the line or refuse it, and answer
 * {@link LineReserved} or {@link LineRefused};</li>
 * <li>the answers (joiner): once all are in, publish {@link StockReserved} with the
 * prices, or {@link StockRejected} with every reason <b>and</b>, as compensation, a
 * {@link ReleaseLine} for each line that was reserved: all or nothing;</li>
 * <li>{@link PaymentCaptured} (splitter): a {@link SellLine} per reserved SKU;</li>
 * <li>{@link PaymentDeclined} (splitter, compensation): a {@link ReleaseLine} per
 * reserved SKU;</li>
 * <li>{@link SellLine} / {@link ReleaseLine} (the SKU's owner): the units are sold, or go
 * back to the available stock.</li>
 * </ol>
 * Each step runs in the transaction of the inbox that deduplicates its event, and appends
 * what it causes to the outbox in that transaction.
 */
@Service
class InventoryFlow {

	/**
	 * The splitter: reads order-events and payment-events (inbox consumer and Kafka
	 * group).
	 */
	static final String CONSUMER = "inventory-service";

	/** The SKUs' owners: read stock-movements. */
	static final String STOCK_OWNER = "inventory-stock";

	/** The joiner: reads stock-line-outcomes. */
	static final String JOINER = "inventory-joiner";

	private static final Logger logger = LoggerFactory.getLogger(InventoryFlow.class);

	private final StockItems items;

	private final Reservations reservations;

	private final OrderJoins joins;

	private final Outbox outbox;

	InventoryFlow(StockItems items, Reservations reservations, OrderJoins joins, Outbox outbox) {
		this.items = items;
		this.reservations = reservations;
		this.joins = joins;
		this.outbox = outbox;
	}

	/** Step 1: the order is split into one reservation per SKU. */
	@Transactional
	void splitOrder(OrderPlaced order, EventEnvelope cause) {
		if (this.joins.exists(order.orderId())) {
			logger.warn("Order {} was split already; ignoring another OrderPlaced", order.orderId());
			return;
		}
		OrderJoin join = OrderJoin.split(order);
		this.joins.insert(join);
		join.reserveLines().forEach((line) -> move(line, cause));
		logger.info("Split order {} into {} line(s)", order.orderId(), join.lines().size());
	}

	/** Step 2, on the SKU's owner: reserve the line, or refuse it, and answer. */
	@Transactional
	void reserveLine(ReserveLine line, EventEnvelope cause) {
		if (this.reservations.lock(line.orderId(), line.sku()).isPresent()) {
			logger.warn("Order {} holds {} already; ignoring another ReserveLine", line.orderId(), line.sku());
			return;
		}
		Optional<StockItem> item = this.items.lock(line.sku());
		if (item.isEmpty()) {
			answer(new LineRefused(line.orderId(), line.sku(), "unknown SKU: " + line.sku()), cause);
			return;
		}
		StockItem reserved;
		try {
			reserved = item.get().reserve(line.quantity());
		}
		catch (StockRuleException ex) {
			answer(new LineRefused(line.orderId(), line.sku(), ex.getMessage()), cause);
			return;
		}
		this.items.save(reserved);
		this.reservations.add(line.orderId(), line.sku(), line.quantity(), reserved.price());
		answer(new LineReserved(line.orderId(), line.sku(), line.quantity(), reserved.price()), cause);
	}

	/**
	 * Step 3, on the joiner: counts the answer; the last one decides the order, all or
	 * nothing.
	 */
	@Transactional
	void joinAnswer(LineOutcome answer, EventEnvelope cause) {
		Optional<OrderJoin> pending = this.joins.lock(answer.orderId()).filter((join) -> join.awaits(answer.sku()));
		if (pending.isEmpty()) {
			logger.warn("Order {} waits for no answer about {}; ignoring {}", answer.orderId(), answer.sku(),
					answer.getClass().getSimpleName());
			return;
		}
		OrderJoin join = pending.get().answer(answer);
		this.joins.answer(answer);
		if (!join.complete()) {
			return;
		}
		Decision decision = join.decide();
		this.joins.settle(join.orderId(), decision.status());
		this.outbox.append(decision.event().topic(), decision.event(), decision.event().key(),
				join.orderId().toString(), cause);
		// Compensation: a rejected order gives back every line that was reserved.
		decision.releases().forEach((release) -> move(release, cause));
		logger.info("Order {} {}: {}", join.orderId(), decision.status(), decision.event());
	}

	/** Step 4: the order is paid, so each SKU it holds is to be sold. */
	@Transactional
	void sellOrder(PaymentCaptured payment, EventEnvelope cause) {
		settleOrder(payment.orderId(), OrderJoin.Status.SOLD, (orderId, sku) -> new SellLine(orderId, sku), cause);
	}

	/**
	 * Step 5, the compensation of steps 1-3: the payment failed, so each SKU goes back.
	 */
	@Transactional
	void releaseOrder(PaymentDeclined payment, EventEnvelope cause) {
		settleOrder(payment.orderId(), OrderJoin.Status.RELEASED, ReleaseLine::new, cause);
	}

	/** Step 6, on the SKU's owner: the units the order holds are sold. */
	@Transactional
	void sellLine(SellLine line) {
		settleLine(line, Status.SOLD, StockItem::sell);
	}

	/** Step 6', on the SKU's owner: the units the order holds go back to the stock. */
	@Transactional
	void releaseLine(ReleaseLine line) {
		settleLine(line, Status.RELEASED, StockItem::release);
	}

	private void settleOrder(UUID orderId, OrderJoin.Status outcome, BiFunction<UUID, String, StockMovement> movement,
			EventEnvelope cause) {
		Optional<OrderJoin> reserved = this.joins.lock(orderId)
			.filter((join) -> join.status() == OrderJoin.Status.RESERVED);
		if (reserved.isEmpty()) {
			logger.warn("Order {} holds no reserved stock (rejected, or already settled); nothing to mark {}", orderId,
					outcome);
			return;
		}
		List<String> skus = reserved.get().reservedSkus();
		skus.forEach((sku) -> move(movement.apply(orderId, sku), cause));
		this.joins.settle(orderId, outcome);
		logger.info("Order {} {}: {} line(s) to settle", orderId, outcome, skus.size());
	}

	private void settleLine(StockMovement line, Status outcome, BiFunction<StockItem, Integer, StockItem> change) {
		Optional<Reservation> held = this.reservations.lock(line.orderId(), line.sku())
			.filter((reservation) -> reservation.status() == Status.RESERVED);
		if (held.isEmpty()) {
			logger.warn("Order {} holds no reserved {} (refused, or already settled); nothing to mark {}",
					line.orderId(), line.sku(), outcome);
			return;
		}
		StockItem item = this.items.lock(line.sku()).orElseThrow();
		this.items.save(change.apply(item, held.get().quantity()));
		this.reservations.settle(line.orderId(), line.sku(), outcome);
	}

	private void move(StockMovement movement, EventEnvelope cause) {
		this.outbox.append(StockMovement.TOPIC, movement, movement.key(), movement.orderId().toString(), cause);
	}

	private void answer(LineOutcome answer, EventEnvelope cause) {
		this.outbox.append(LineOutcome.TOPIC, answer, answer.key(), answer.orderId().toString(), cause);
	}

}
