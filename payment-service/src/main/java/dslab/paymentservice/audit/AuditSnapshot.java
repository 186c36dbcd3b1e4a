package dslab.paymentservice.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.reliability.ordering.OrderingCounts;

/**
 * Everything payment-service holds, as one consistent read, for a drill's auditor to
 * check that no order was paid twice or left unpaid.
 *
 * @param service always {@code payment-service}
 * @param takenAt when the snapshot was read
 * @param payments every payment, oldest first
 * @param consumers what each inbox consumer of the service has handled
 * @param outboxBacklog events written to the outbox and not yet published
 * @param ordering per consumer and topic, how its keys' numbered events arrived: gaps and
 * events out of order are violations ({@link OrderingCounts})
 */
record AuditSnapshot(String service, Instant takenAt, List<PaymentRow> payments, List<ConsumerCounts> consumers,
		long outboxBacklog, List<OrderingCounts> ordering) {

	/**
	 * One row of the {@code payments} table.
	 *
	 * @param amount with two decimals
	 * @param status CAPTURED or DECLINED
	 * @param chargeId the provider's charge, {@code null} if it named none
	 * @param reason why it was declined, {@code null} when captured
	 */
	record PaymentRow(UUID paymentId, UUID orderId, String customerId, BigDecimal amount, String status,
			String chargeId, String reason) {
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
