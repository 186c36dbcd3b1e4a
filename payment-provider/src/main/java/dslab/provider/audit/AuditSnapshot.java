package dslab.provider.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The provider's whole ledger, as one consistent read, for a drill's auditor to check
 * that no order was charged twice.
 *
 * @param service always {@code payment-provider}
 * @param takenAt when the snapshot was read
 * @param charges every charge, oldest first
 */
record AuditSnapshot(String service, Instant takenAt, List<ChargeRow> charges) {

	/**
	 * One row of the {@code charges} table: the answer to one idempotency key.
	 *
	 * @param amount with two decimals
	 * @param status CAPTURED or DECLINED
	 * @param reason why it was declined, {@code null} when captured
	 */
	record ChargeRow(String idempotencyKey, String chargeId, UUID orderId, String customerId, BigDecimal amount,
			String status, String reason) {
	}

}
