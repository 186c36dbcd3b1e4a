package dslab.drill.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The payment provider's books: one charge per idempotency key, which is where money
 * actually leaves the customer.
 *
 * @param service {@code payment-provider}
 * @param takenAt when the snapshot was taken
 * @param charges every charge, captured or declined
 */
public record ProviderSnapshot(String service, Instant takenAt, List<Charge> charges) implements ServiceSnapshot {

	public static final String SERVICE = "payment-provider";

	public ProviderSnapshot {
		charges = (charges != null) ? List.copyOf(charges) : List.of();
	}

	/**
	 * The provider's answer to one idempotency key.
	 *
	 * @param idempotencyKey the key the merchant chose; payment-service uses
	 * {@code order-<orderId>}
	 * @param chargeId the provider's id of the charge
	 * @param orderId the merchant's order
	 * @param customerId the merchant's customer
	 * @param amount the amount
	 * @param status captured or declined
	 * @param reason why it was declined, {@code null} when captured
	 */
	public record Charge(String idempotencyKey, String chargeId, UUID orderId, String customerId, BigDecimal amount,
			ChargeStatus status, String reason) {
	}

	/** Whether the provider took the money. */
	public enum ChargeStatus {

		CAPTURED, DECLINED

	}

}
