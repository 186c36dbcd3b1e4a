package dslab.contracts;

import java.util.Objects;
import java.util.UUID;

/** The order could not be reserved as a whole; nothing was reserved. */
public record StockRejected(UUID orderId, String reason) implements InventoryEvent {

	public StockRejected {
		Objects.requireNonNull(orderId, "orderId");
		Requirements.text(reason, "reason");
	}

}
