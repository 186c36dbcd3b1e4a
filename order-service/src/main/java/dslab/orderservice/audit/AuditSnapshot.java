package dslab.orderservice.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.reliability.ordering.OrderingCounts;

/**
 * Everything order-service holds, as one consistent read, for a drill's auditor to check
 * that no order was lost.
 *
 * @param service always {@code order-service}
 * @param takenAt when the snapshot was read
 * @param orders every order, oldest first
 * @param consumers what each inbox consumer of the service has handled
 * @param outboxBacklog events written to the outbox and not yet published
 * @param ordering per consumer and topic, how its keys' numbered events arrived: gaps and
 * events out of order are violations ({@link OrderingCounts})
 */
record AuditSnapshot(String service, Instant takenAt, List<OrderRow> orders, List<ConsumerCounts> consumers,
		long outboxBacklog, List<OrderingCounts> ordering) {

	/**
	 * One row of the {@code orders} table.
	 *
	 * @param amount with two decimals, {@code null} until inventory priced the order
	 */
	record OrderRow(UUID orderId, String customerId, String status, String reason, BigDecimal amount,
			String idempotencyKey, Instant createdAt, Instant updatedAt) {
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
