package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A SKU owner's answer to a {@link StockMovement.ReserveLine}, on {@value #TOPIC} keyed
 * by order id, so all answers for one order reach the one joiner that owns the order's
 * partition. Internal to inventory-service.
 */
public sealed interface LineOutcome {

	String TOPIC = "stock-line-outcomes";

	/** Type names, as they appear in the envelope, and the records they decode to. */
	Map<String, Class<? extends LineOutcome>> TYPES = Map.of("LineReserved", LineReserved.class, "LineRefused",
			LineRefused.class);

	UUID orderId();

	String sku();

	/** The record key: the order id. */
	default String key() {
		return orderId().toString();
	}

	/** The line's units are held for the order at this unit price. */
	record LineReserved(UUID orderId, String sku, int quantity, BigDecimal unitPrice) implements LineOutcome {

		public LineReserved {
			Objects.requireNonNull(orderId, "orderId");
			Lines.requireSku(sku);
			if (quantity <= 0) {
				throw new IllegalArgumentException("quantity must be positive");
			}
			if (unitPrice == null || unitPrice.signum() < 0) {
				throw new IllegalArgumentException("unitPrice must not be negative");
			}
		}

	}

	/** The line cannot be reserved; nothing of it is held. */
	record LineRefused(UUID orderId, String sku, String reason) implements LineOutcome {

		public LineRefused {
			Objects.requireNonNull(orderId, "orderId");
			Lines.requireSku(sku);
			if (reason == null || reason.isBlank()) {
				throw new IllegalArgumentException("reason must not be blank");
			}
		}

	}

}
