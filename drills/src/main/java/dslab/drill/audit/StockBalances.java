package dslab.drill.audit;

import java.util.ArrayList;
import java.util.List;

import dslab.drill.audit.InventorySnapshot.Stock;

/**
 * Every SKU's stock balances and nothing is negative. Units only move between available,
 * reserved and sold, or arrive by restocking, so {@code initial + restocked = available +
 * reserved + sold} must hold for each SKU, and no quantity may be below zero: a unit that
 * appears or vanishes, or a negative available, is stock sold twice or oversold.
 */
final class StockBalances implements Check {

	static final String NAME = "every SKU's stock balances and nothing is negative";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> violations(Books books) {
		List<String> violations = new ArrayList<>();
		for (Stock stock : books.snapshots().inventory().stock()) {
			negative(stock.sku(), "initial", stock.initial(), violations);
			negative(stock.sku(), "restocked", stock.restocked(), violations);
			negative(stock.sku(), "available", stock.available(), violations);
			negative(stock.sku(), "reserved", stock.reserved(), violations);
			negative(stock.sku(), "sold", stock.sold(), violations);
			long arrived = (long) stock.initial() + stock.restocked();
			long accounted = (long) stock.available() + stock.reserved() + stock.sold();
			if (arrived != accounted) {
				violations.add(
						"%s does not balance: initial %d + restocked %d = %d but available %d + reserved %d + sold %d = %d"
							.formatted(stock.sku(), stock.initial(), stock.restocked(), arrived, stock.available(),
									stock.reserved(), stock.sold(), accounted));
			}
		}
		return violations;
	}

	private static void negative(String sku, String quantity, int value, List<String> violations) {
		if (value < 0) {
			violations.add("%s has %s %d, below zero".formatted(sku, quantity, value));
		}
	}

}
