package dslab.inventoryservice.stock;

import java.math.BigDecimal;

/** A stock item as the HTTP API shows it. */
record StockView(String sku, String name, BigDecimal price, int available, int reserved, int sold) {

	static StockView of(StockItem item) {
		return new StockView(item.sku(), item.name(), item.price(), item.available(), item.reserved(), item.sold());
	}

}
