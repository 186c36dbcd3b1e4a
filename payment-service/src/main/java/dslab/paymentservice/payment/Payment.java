package dslab.paymentservice.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.PaymentEvent;
import dslab.contracts.StockReserved;
import dslab.paymentservice.payment.ChargeOutcome.Captured;
import dslab.paymentservice.payment.ChargeOutcome.Declined;

/**
 * The payment of one order: what the provider answered when asked to charge it. An order
 * has at most one; it never changes once made.
 *
 * @param paymentId this service's id of the payment
 * @param orderId the order paid for
 * @param customerId the customer charged
 * @param amount the order's total
 * @param status captured or declined
 * @param chargeId the provider's id of the charge
 * @param reason why the provider declined, {@code null} when captured
 * @param createdAt when the outcome was recorded
 */
record Payment(UUID paymentId, UUID orderId, String customerId, BigDecimal amount, PaymentStatus status,
		String chargeId, String reason, OffsetDateTime createdAt) {

	Payment {
		Objects.requireNonNull(paymentId, "paymentId");
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		if (status == PaymentStatus.CAPTURED && (chargeId == null || reason != null)) {
			throw new IllegalArgumentException("A captured payment has a charge id and no decline reason");
		}
		if (status == PaymentStatus.DECLINED && (reason == null || reason.isBlank())) {
			throw new IllegalArgumentException("A declined payment says why it was declined");
		}
	}

	/** The payment for the reserved order, as the provider's answer decided it. */
	static Payment of(StockReserved reserved, ChargeOutcome outcome) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
		return switch (outcome) {
			case Captured captured -> new Payment(UUID.randomUUID(), reserved.orderId(), reserved.customerId(),
					reserved.total(), PaymentStatus.CAPTURED, captured.chargeId(), null, now);
			case Declined declined -> new Payment(UUID.randomUUID(), reserved.orderId(), reserved.customerId(),
					reserved.total(), PaymentStatus.DECLINED, declined.chargeId(), declined.reason(), now);
		};
	}

	/** The event that tells the saga about this payment. */
	PaymentEvent event() {
		return switch (this.status) {
			case CAPTURED -> new PaymentCaptured(this.orderId, this.paymentId, this.amount, this.chargeId);
			case DECLINED -> new PaymentDeclined(this.orderId, this.paymentId, this.amount, this.reason);
		};
	}

}
