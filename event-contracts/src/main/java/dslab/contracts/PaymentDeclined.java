package dslab.contracts;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/** The payment provider declined the charge; nothing was charged. */
public record PaymentDeclined(UUID orderId, UUID paymentId, BigDecimal amount, String reason) implements PaymentEvent {

	public PaymentDeclined {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(paymentId, "paymentId");
		Requirements.nonNegative(amount, "amount");
		Requirements.text(reason, "reason");
	}

}
