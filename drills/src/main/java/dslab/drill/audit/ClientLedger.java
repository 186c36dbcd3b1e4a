package dslab.drill.audit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the client that placed the orders knows of them: the orders the lab acknowledged,
 * and the requests whose outcome it never learned. The audit holds the services' books
 * against it.
 *
 * @param acknowledged orders answered with {@code 202 Accepted}
 * @param unknownOutcomes requests that timed out or lost their connection
 */
public record ClientLedger(List<AcknowledgedOrder> acknowledged, List<UnknownOutcome> unknownOutcomes) {

	public ClientLedger {
		acknowledged = List.copyOf(acknowledged);
		unknownOutcomes = List.copyOf(unknownOutcomes);
	}

	/**
	 * An order the lab acknowledged.
	 *
	 * @param orderId the id the lab answered with
	 * @param expectedAmount what the client expects to pay, {@code null} if it does not
	 * know the prices
	 */
	public record AcknowledgedOrder(UUID orderId, BigDecimal expectedAmount) {

		public AcknowledgedOrder {
			Objects.requireNonNull(orderId, "orderId");
		}

	}

	/**
	 * A request whose outcome the client never learned: the order may or may not exist,
	 * and order-service finds it, if it does, by the customer and the key.
	 *
	 * @param customerId the customer the order was placed for
	 * @param idempotencyKey the {@code Idempotency-Key} sent with it
	 * @param failure what the client saw instead of an answer, e.g. {@code timeout};
	 * {@code null} if it did not keep it
	 */
	public record UnknownOutcome(String customerId, String idempotencyKey, String failure) {

		public UnknownOutcome {
			Objects.requireNonNull(customerId, "customerId");
			Objects.requireNonNull(idempotencyKey, "idempotencyKey");
		}

	}

}
