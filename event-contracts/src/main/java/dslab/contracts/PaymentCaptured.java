package dslab.contracts;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/** The payment provider charged the customer for the order. */
public record PaymentCaptured(UUID orderId, UUID paymentId, BigDecimal amount,
		String chargeId) implements PaymentEvent {

	public PaymentCaptured {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(paymentId, "paymentId");
		Requirements.nonNegative(amount, "amount");
		Requirements.text(chargeId, "chargeId");
	}

}
