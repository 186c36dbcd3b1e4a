package dslab.contracts;

import java.math.BigDecimal;

/** A quantity of one SKU with the unit price it was reserved at. */
public record PricedLine(String sku, int quantity, BigDecimal unitPrice) {

	public PricedLine {
		Requirements.text(sku, "sku");
		Requirements.positive(quantity, "quantity");
		Requirements.nonNegative(unitPrice, "unitPrice");
	}

	public BigDecimal amount() {
		return unitPrice.multiply(BigDecimal.valueOf(quantity));
	}

}
