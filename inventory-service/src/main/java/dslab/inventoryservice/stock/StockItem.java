package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The stock of one SKU. Units only move between available, reserved and sold (or arrive
 * by restocking), so {@code initial + restocked = available + reserved + sold} always
 * holds and no quantity is ever negative. Each change returns the item as it is
 * afterwards.
 *
 * @param sku the stock-keeping unit, e.g. {@code SKU-1}
 * @param name what the customer sees
 * @param price the unit price
 * @param initial units the item was seeded with
 * @param restocked units added since
 * @param available units that can be reserved
 * @param reserved units held for orders whose payment is pending
 * @param sold units of paid orders
 */
record StockItem(String sku, String name, BigDecimal price, int initial, int restocked, int available, int reserved,
		int sold) {

	StockItem {
		Objects.requireNonNull(sku, "sku");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(price, "price");
		if (price.signum() < 0 || initial < 0 || restocked < 0 || available < 0 || reserved < 0 || sold < 0) {
			throw new StockRuleException("no price or quantity of %s may be negative".formatted(sku));
		}
		if ((long) initial + restocked != (long) available + reserved + sold) {
			throw new StockRuleException(
					"stock of %s must balance: initial %d + restocked %d != available %d + reserved %d + sold %d"
						.formatted(sku, initial, restocked, available, reserved, sold));
		}
	}

	/** A new item with all of its initial stock available. */
	static StockItem create(String sku, String name, BigDecimal price, int stock) {
		return new StockItem(sku, name, price, stock, 0, stock, 0, 0);
	}

	/** Holds units for an order until its payment is decided. */
	StockItem reserve(int quantity) {
		requirePositive(quantity, "reserve");
		if (quantity > this.available) {
			throw new StockRuleException("insufficient stock for %s: requested %d, available %d".formatted(this.sku,
					quantity, this.available));
		}
		return new StockItem(this.sku, this.name, this.price, this.initial, this.restocked, this.available - quantity,
				this.reserved + quantity, this.sold);
	}

	/** Turns reserved units into sold ones once the order is paid. */
	StockItem sell(int quantity) {
		requirePositive(quantity, "sell");
		requireReserved(quantity, "sell");
		return new StockItem(this.sku, this.name, this.price, this.initial, this.restocked, this.available,
				this.reserved - quantity, this.sold + quantity);
	}

	/**
	 * Gives reserved units back to the available stock when the order's payment fails.
	 */
	StockItem release(int quantity) {
		requirePositive(quantity, "release");
		requireReserved(quantity, "release");
		return new StockItem(this.sku, this.name, this.price, this.initial, this.restocked, this.available + quantity,
				this.reserved - quantity, this.sold);
	}

	/** Adds delivered units to the available stock. */
	StockItem restock(int quantity) {
		requirePositive(quantity, "restock");
		return new StockItem(this.sku, this.name, this.price, this.initial, Math.addExact(this.restocked, quantity),
				Math.addExact(this.available, quantity), this.reserved, this.sold);
	}

	private void requirePositive(int quantity, String change) {
		if (quantity <= 0) {
			throw new StockRuleException(
					"quantity to %s must be positive for %s, was %d".formatted(change, this.sku, quantity));
		}
	}

	private void requireReserved(int quantity, String change) {
		if (quantity > this.reserved) {
			throw new StockRuleException(
					"cannot %s %d of %s: only %d reserved".formatted(change, quantity, this.sku, this.reserved));
		}
	}

}
