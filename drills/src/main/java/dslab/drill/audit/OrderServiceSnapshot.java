package dslab.drill.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * order-service's books: every order, its consumers' counts and the events still waiting
 * in its outbox.
 *
 * @param service {@code order-service}
 * @param takenAt when the snapshot was taken
 * @param orders every order
 * @param consumers the counts of each consumer
 * @param outboxBacklog events not yet published
 * @param ordering how each consumer saw its keys' numbered events arrive
 */
public record OrderServiceSnapshot(String service, Instant takenAt, List<Order> orders, List<ConsumerCount> consumers,
		long outboxBacklog, List<OrderingCount> ordering) implements ServiceSnapshot {

	public static final String SERVICE = "order-service";

	public OrderServiceSnapshot {
		orders = (orders != null) ? List.copyOf(orders) : List.of();
		consumers = (consumers != null) ? List.copyOf(consumers) : List.of();
		ordering = (ordering != null) ? List.copyOf(ordering) : List.of();
	}

	/** Books of a service that numbered no events yet. */
	public OrderServiceSnapshot(String service, Instant takenAt, List<Order> orders, List<ConsumerCount> consumers,
			long outboxBacklog) {
		this(service, takenAt, orders, consumers, outboxBacklog, List.of());
	}

	/**
	 * One order as order-service stores it.
	 *
	 * @param orderId the order's id
	 * @param customerId the customer who placed it
	 * @param status where it stands in the saga
	 * @param reason why it was rejected or cancelled, else {@code null}
	 * @param amount its total, {@code null} until inventory priced it
	 * @param idempotencyKey the customer's {@code Idempotency-Key}, {@code null} if none
	 * was sent
	 * @param createdAt when it was placed
	 * @param updatedAt when its status last changed
	 */
	public record Order(UUID orderId, String customerId, OrderStatus status, String reason, BigDecimal amount,
			String idempotencyKey, Instant createdAt, Instant updatedAt) {
	}

	/** Where an order stands; CONFIRMED, REJECTED and CANCELLED are final. */
	public enum OrderStatus {

		PENDING, RESERVED, CONFIRMED, REJECTED, CANCELLED;

		public boolean isTerminal() {
			return this == CONFIRMED || this == REJECTED || this == CANCELLED;
		}

	}

}
