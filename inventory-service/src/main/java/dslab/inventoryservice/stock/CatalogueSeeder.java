package dslab.inventoryservice.stock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Adds the configured SKUs that the database does not know yet; existing stock is never
 * overwritten. It runs once every bean exists and before the Kafka listeners start, so
 * the first OrderPlaced already finds the catalogue.
 */
@Component
class CatalogueSeeder implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(CatalogueSeeder.class);

	private final InventoryProperties properties;

	private final StockItems items;

	CatalogueSeeder(InventoryProperties properties, StockItems items) {
		this.properties = properties;
		this.items = items;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long added = this.properties.catalogue()
			.stream()
			.map(InventoryProperties.CatalogueItem::toStockItem)
			.filter(this.items::insertIfAbsent)
			.count();
		logger.info("Catalogue: {} configured SKU(s), {} new", this.properties.catalogue().size(), added);
	}

}
