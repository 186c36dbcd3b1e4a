package dslab.drill.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * payment-service's books: every payment, its consumers' counts and the events still
 * waiting in its outbox.
 *
 * @param service {@code payment-service}
 * @param takenAt when the snapshot was taken
 * @param payments every payment
 * @param consumers the counts of each consumer
 * @param outboxBacklog events not yet published
 * @param ordering how each consumer saw its keys' numbered events arrive
 */
public record PaymentServiceSnapshot(String service, Instant takenAt, List<Payment> payments,
		List<ConsumerCount> consumers, long outboxBacklog, List<OrderingCount> ordering) implements ServiceSnapshot {

	public static final String SERVICE = "payment-service";

	public PaymentServiceSnapshot {
		payments = (payments != null) ? List.copyOf(payments) : List.of();
		consumers = (consumers != null) ? List.copyOf(consumers) : List.of();
		ordering = (ordering != null) ? List.copyOf(ordering) : List.of();
	}

	/** Books of a service that numbered no events yet. */
	public PaymentServiceSnapshot(String service, Instant takenAt, List<Payment> payments,
			List<ConsumerCount> consumers, long outboxBacklog) {
		this(service, takenAt, payments, consumers, outboxBacklog, List.of());
	}

	/**
	 * What the provider answered when payment-service charged an order.
	 *
	 * @param paymentId payment-service's id of the payment
	 * @param orderId the order paid for
	 * @param customerId the customer charged
	 * @param amount the amount asked for
	 * @param status captured or declined
	 * @param chargeId the provider's id of the charge
	 * @param reason why it was declined, {@code null} when captured
	 */
	public record Payment(UUID paymentId, UUID orderId, String customerId, BigDecimal amount, PaymentStatus status,
			String chargeId, String reason) {
	}

	/** The provider's answer as payment-service recorded it. */
	public enum PaymentStatus {

		CAPTURED, DECLINED

	}

}
