package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.util.List;

import dslab.inventoryservice.stock.InventoryProperties.CatalogueItem;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeding at start adds new SKUs and leaves the stock of known ones alone. */
class CatalogueSeederTest extends InventoryIntegrationTest {

	@Autowired
	Restocking restocking;

	@Test
	void seededTheConfiguredCatalogue() {
		assertThat(stockOf("SKU-5"))
			.isEqualTo(StockItem.create("SKU-5", "Limited-edition kettle", new BigDecimal("89.00"), 3));
	}

	@Test
	void addsNewSkusButNeverOverwritesTheStockOfKnownOnes() {
		String known = newSku("5.00", 5);
		this.restocking.restock(known, 3);
		String added = "T-NEW-" + known;

		new CatalogueSeeder(new InventoryProperties(List.of(new CatalogueItem(known, "Renamed", BigDecimal.ONE, 5),
				new CatalogueItem(added, "New item", new BigDecimal("2.00"), 4))), this.items)
			.afterSingletonsInstantiated();

		assertThat(stockOf(known)).extracting(StockItem::name, StockItem::available)
			.containsExactly("Test item " + known, 8);
		assertThat(stockOf(added)).isEqualTo(StockItem.create(added, "New item", new BigDecimal("2.00"), 4));
	}

}
