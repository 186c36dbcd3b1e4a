package dslab.inventoryservice.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.reliability.ordering.OrderingCounts;

/**
 * Everything inventory-service holds, as one consistent read, for a drill's auditor to
 * check that no unit was oversold or lost.
 *
 * @param service always {@code inventory-service}
 * @param takenAt when the snapshot was read
 * @param stock every stock item, by SKU
 * @param reservations every reservation, by order and SKU
 * @param consumers what each inbox consumer of the service has handled
 * @param outboxBacklog events written to the outbox and not yet published
 * @param ordering per consumer and topic, how its keys' numbered events arrived: gaps and
 * events out of order are violations ({@link OrderingCounts})
 */
record AuditSnapshot(String service, Instant takenAt, List<StockRow> stock, List<ReservationRow> reservations,
		List<ConsumerCounts> consumers, long outboxBacklog, List<OrderingCounts> ordering) {

	/**
	 * One row of the {@code stock_items} table: initial + restocked = available +
	 * reserved + sold.
	 */
	record StockRow(String sku, int initial, int restocked, int available, int reserved, int sold) {
	}

	/**
	 * One row of the {@code reservations} table.
	 *
	 * @param status RESERVED, SOLD or RELEASED
	 */
	record ReservationRow(UUID orderId, String sku, int quantity, String status) {
	}

	/**
	 * An inbox consumer's counts.
	 *
	 * @param processed events handled, from the inbox table
	 * @param duplicates redeliveries dropped (counted in the inbox table, across
	 * restarts)
	 */
	record ConsumerCounts(String consumer, long processed, long duplicates) {
	}

}
