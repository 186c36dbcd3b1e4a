package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

import dslab.contracts.InventoryEvent;
import dslab.contracts.OrderLine;
import dslab.contracts.OrderPlaced;
import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.PricedLine;
import dslab.contracts.StockRejected;
import dslab.contracts.StockReserved;
import dslab.inventoryservice.stock.Reservations.Reservation;
import dslab.inventoryservice.stock.Reservations.Status;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory's part of the order saga, step by step:
 * <ol>
 * <li>{@link OrderPlaced}: reserve every line or none, then publish {@link StockReserved}
 * with the prices, or {@link StockRejected} with the reason;</li>
 * <li>{@link PaymentCaptured}: the order's reserved units are sold;</li>
 * <li>{@link PaymentDeclined} (compensation): the order's reserved units are
 * released.</li>
 * </ol>
 * Each step runs in the transaction of the inbox that deduplicates its event.
 */
@Service
class InventoryFlow {

	/** The consumer name in the inbox and the Kafka consumer group. */
	static final String CONSUMER = "inventory-service";

	private static final Logger logger = LoggerFactory.getLogger(InventoryFlow.class);

	private final StockItems items;

	private final Reservations reservations;

	private final Outbox outbox;

	InventoryFlow(StockItems items, Reservations reservations, Outbox outbox) {
		this.items = items;
		this.reservations = reservations;
		this.outbox = outbox;
	}

	/** Step 1: all lines of the order are reserved, or nothing is. */
	@Transactional
	void reserveStock(OrderPlaced order, EventEnvelope cause) {
		if (this.reservations.existFor(order.orderId())) {
			logger.warn("Order {} already has reservations; ignoring another OrderPlaced", order.orderId());
			return;
		}
		List<StockItem> changed = new ArrayList<>();
		List<PricedLine> priced = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		// Rows are locked in SKU order, the same in every transaction, so two orders that
		// share SKUs wait for each other instead of deadlocking.
		for (Map.Entry<String, Integer> line : quantitiesBySku(order.lines()).entrySet()) {
			Optional<StockItem> item = this.items.lock(line.getKey());
			if (item.isEmpty()) {
				problems.add("unknown SKU: " + line.getKey());
				continue;
			}
			try {
				changed.add(item.get().reserve(line.getValue()));
				priced.add(new PricedLine(line.getKey(), line.getValue(), item.get().price()));
			}
			catch (StockRuleException ex) {
				problems.add(ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			String reason = String.join("; ", problems);
			logger.info("Rejected order {}: {}", order.orderId(), reason);
			publish(new StockRejected(order.orderId(), reason), cause);
			return;
		}
		changed.forEach(this.items::save);
		priced.forEach((line) -> this.reservations.add(order.orderId(), line.sku(), line.quantity(), line.unitPrice()));
		BigDecimal total = priced.stream().map(PricedLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		logger.info("Reserved {} line(s) for order {}, total {}", priced.size(), order.orderId(), total);
		publish(new StockReserved(order.orderId(), order.customerId(), priced, total), cause);
	}

	/** Step 2: the order is paid, so what it holds is sold. */
	@Transactional
	void sellReservedStock(PaymentCaptured payment) {
		settle(payment.orderId(), Status.SOLD, StockItem::sell);
	}

	/** Step 3, the compensation of step 1: the payment failed, so the units go back. */
	@Transactional
	void releaseReservedStock(PaymentDeclined payment) {
		settle(payment.orderId(), Status.RELEASED, StockItem::release);
	}

	private void settle(UUID orderId, Status outcome, BiFunction<StockItem, Integer, StockItem> change) {
		List<Reservation> held = this.reservations.lockReserved(orderId);
		if (held.isEmpty()) {
			logger.warn("Order {} holds no reserved stock (rejected, or already settled); nothing to mark {}", orderId,
					outcome);
			return;
		}
		for (Reservation reservation : held) {
			StockItem item = this.items.lock(reservation.sku()).orElseThrow();
			this.items.save(change.apply(item, reservation.quantity()));
		}
		this.reservations.settle(orderId, outcome);
		logger.info("Marked {} reservation(s) of order {} {}", held.size(), orderId, outcome);
	}

	private void publish(InventoryEvent event, EventEnvelope cause) {
		this.outbox.append(event.topic(), event, event.key(), event.orderId().toString(), cause);
	}

	/** The quantity of each SKU, sorted by SKU: the order in which rows are locked. */
	private static SortedMap<String, Integer> quantitiesBySku(List<OrderLine> lines) {
		SortedMap<String, Integer> quantities = new TreeMap<>();
		lines.forEach((line) -> quantities.merge(line.sku(), line.quantity(), Math::addExact));
		return quantities;
	}

}
