package dslab.contracts;

/** A quantity of one SKU, as ordered. */
public record OrderLine(String sku, int quantity) {

	public OrderLine {
		Requirements.text(sku, "sku");
		Requirements.positive(quantity, "quantity");
	}

}
