package dslab.inventoryservice.stock;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A change to one SKU's stock for one order, on {@value #TOPIC} keyed by SKU: every
 * movement of a SKU goes to one partition, and the one consumer that owns it is the only
 * writer of that SKU's stock (a single writer per shard, no locks across instances).
 * Internal to inventory-service: the splitter writes them, the SKU's owner reads them.
 */
public sealed interface StockMovement {

	String TOPIC = "stock-movements";

	/** Type names, as they appear in the envelope, and the records they decode to. */
	Map<String, Class<? extends StockMovement>> TYPES = Map.of("ReserveLine", ReserveLine.class, "SellLine",
			SellLine.class, "ReleaseLine", ReleaseLine.class);

	UUID orderId();

	String sku();

	/** The record key: the SKU. */
	default String key() {
		return sku();
	}

	/** Hold this quantity of the SKU for the order, or refuse, and answer. */
	record ReserveLine(UUID orderId, String sku, int quantity) implements StockMovement {

		public ReserveLine {
			Objects.requireNonNull(orderId, "orderId");
			Lines.requireSku(sku);
			if (quantity <= 0) {
				throw new IllegalArgumentException("quantity must be positive");
			}
		}

	}

	/** The order is paid: what it holds of the SKU is sold. */
	record SellLine(UUID orderId, String sku) implements StockMovement {

		public SellLine {
			Objects.requireNonNull(orderId, "orderId");
			Lines.requireSku(sku);
		}

	}

	/**
	 * What the order holds of the SKU goes back: its payment failed, or another of its
	 * lines was refused.
	 */
	record ReleaseLine(UUID orderId, String sku) implements StockMovement {

		public ReleaseLine {
			Objects.requireNonNull(orderId, "orderId");
			Lines.requireSku(sku);
		}

	}

}
