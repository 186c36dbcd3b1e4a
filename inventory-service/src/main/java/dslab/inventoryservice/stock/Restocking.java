package dslab.inventoryservice.stock;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adds delivered units to an item, under the same row lock the saga steps take. */
@Service
class Restocking {

	private final StockItems items;

	Restocking(StockItems items) {
		this.items = items;
	}

	/** The restocked item, or empty for an unknown SKU. */
	@Transactional
	Optional<StockItem> restock(String sku, int quantity) {
		return this.items.lock(sku).map((item) -> {
			StockItem restocked = item.restock(quantity);
			this.items.save(restocked);
			return restocked;
		});
	}

}
