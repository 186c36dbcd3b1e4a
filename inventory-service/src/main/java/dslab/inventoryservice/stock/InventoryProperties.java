package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The catalogue the service seeds at start (listed in {@code application.properties}).
 *
 * @param catalogue the items; SKUs already in the database keep their stock
 */
@Validated
@ConfigurationProperties("lab.inventory")
record InventoryProperties(@DefaultValue List<@Valid CatalogueItem> catalogue) {

	/**
	 * One item of the catalogue as configured.
	 *
	 * @param sku the stock-keeping unit
	 * @param name what the customer sees
	 * @param price the unit price
	 * @param stock the units in stock at the first start
	 */
	record CatalogueItem(@NotBlank String sku, @NotBlank String name, @NotNull @PositiveOrZero BigDecimal price,
			@PositiveOrZero int stock) {

		StockItem toStockItem() {
			return StockItem.create(this.sku, this.name, this.price, this.stock);
		}

	}

}
