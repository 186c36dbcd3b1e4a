package dslab.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Every line of an order is reserved; the total is what the customer is to be charged.
 */
public record StockReserved(UUID orderId, String customerId, List<PricedLine> lines,
		BigDecimal total) implements InventoryEvent {

	public StockReserved {
		Objects.requireNonNull(orderId, "orderId");
		Requirements.text(customerId, "customerId");
		lines = Requirements.nonEmpty(lines, "lines");
		Requirements.nonNegative(total, "total");
	}

}
