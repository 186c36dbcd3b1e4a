package dslab.drill.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * inventory-service's books: the stock of every SKU, every reservation, its consumers'
 * counts and the events still waiting in its outbox.
 *
 * @param service {@code inventory-service}
 * @param takenAt when the snapshot was taken
 * @param stock one entry per SKU
 * @param reservations the units each order holds, or held, of each SKU
 * @param consumers the counts of each consumer
 * @param outboxBacklog events not yet published
 * @param ordering how each consumer saw its keys' numbered events arrive
 */
public record InventorySnapshot(String service, Instant takenAt, List<Stock> stock, List<Reservation> reservations,
		List<ConsumerCount> consumers, long outboxBacklog, List<OrderingCount> ordering) implements ServiceSnapshot {

	public static final String SERVICE = "inventory-service";

	public InventorySnapshot {
		stock = (stock != null) ? List.copyOf(stock) : List.of();
		reservations = (reservations != null) ? List.copyOf(reservations) : List.of();
		consumers = (consumers != null) ? List.copyOf(consumers) : List.of();
		ordering = (ordering != null) ? List.copyOf(ordering) : List.of();
	}

	/** Books of a service that numbered no events yet. */
	public InventorySnapshot(String service, Instant takenAt, List<Stock> stock, List<Reservation> reservations,
			List<ConsumerCount> consumers, long outboxBacklog) {
		this(service, takenAt, stock, reservations, consumers, outboxBacklog, List.of());
	}

	/**
	 * The units of one SKU, by where they are.
	 *
	 * @param sku the stock-keeping unit
	 * @param initial units it was seeded with
	 * @param restocked units added since
	 * @param available units that can be reserved
	 * @param reserved units held for orders whose payment is pending
	 * @param sold units of paid orders
	 */
	public record Stock(String sku, int initial, int restocked, int available, int reserved, int sold) {
	}

	/**
	 * Units of one SKU an order holds (RESERVED) or held (SOLD, RELEASED).
	 *
	 * @param orderId the order
	 * @param sku the stock-keeping unit
	 * @param quantity the units
	 * @param status what became of them
	 */
	public record Reservation(UUID orderId, String sku, int quantity, ReservationStatus status) {
	}

	/** A reservation is RESERVED until the payment decides: SOLD or RELEASED. */
	public enum ReservationStatus {

		RESERVED, SOLD, RELEASED

	}

}
