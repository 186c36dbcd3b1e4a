package dslab.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Every line of an order is reserved; the total, the sum of the lines, is what the
 * customer is to be charged.
 */
public record StockReserved(UUID orderId, String customerId, List<PricedLine> lines,
		BigDecimal total) implements InventoryEvent {

	public StockReserved {
		Objects.requireNonNull(orderId, "orderId");
		Requirements.text(customerId, "customerId");
		lines = Requirements.distinct(Requirements.nonEmpty(lines, "lines"), PricedLine::sku, "lines");
		Requirements.nonNegative(total, "total");
		BigDecimal sum = lines.stream().map(PricedLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		if (sum.compareTo(total) != 0) {
			throw new IllegalArgumentException("total " + total + " is not the sum of the lines, " + sum);
		}
	}

}
