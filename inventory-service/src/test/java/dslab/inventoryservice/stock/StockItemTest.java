package dslab.inventoryservice.stock;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules a stock item keeps, whatever asks it to change. */
class StockItemTest {

	private final StockItem kettle = StockItem.create("SKU-5", "Limited-edition kettle", new BigDecimal("89.00"), 3);

	@Test
	void startsWithAllStockAvailable() {
		assertThat(this.kettle)
			.extracting(StockItem::initial, StockItem::restocked, StockItem::available, StockItem::reserved,
					StockItem::sold)
			.containsExactly(3, 0, 3, 0, 0);
	}

	@Test
	void reservesFromAvailableStock() {
		StockItem reserved = this.kettle.reserve(2);

		assertThat(reserved).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
			.containsExactly(1, 2, 0);
	}

	@Test
	void reservesTheLastUnits() {
		assertThat(this.kettle.reserve(3).available()).isZero();
	}

	@Test
	void refusesToReserveMoreThanAvailable() {
		assertThatThrownBy(() -> this.kettle.reserve(4)).isInstanceOf(StockRuleException.class)
			.hasMessage("insufficient stock for SKU-5: requested 4, available 3");
	}

	@Test
	void refusesToReserveNothing() {
		assertThatThrownBy(() -> this.kettle.reserve(0)).isInstanceOf(StockRuleException.class)
			.hasMessage("quantity to reserve must be positive for SKU-5, was 0");
	}

	@Test
	void sellsReservedUnits() {
		StockItem sold = this.kettle.reserve(2).sell(2);

		assertThat(sold).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
			.containsExactly(1, 0, 2);
	}

	@Test
	void refusesToSellMoreThanReserved() {
		StockItem reserved = this.kettle.reserve(1);

		assertThatThrownBy(() -> reserved.sell(2)).isInstanceOf(StockRuleException.class)
			.hasMessage("cannot sell 2 of SKU-5: only 1 reserved");
	}

	@Test
	void releasesReservedUnitsBackToAvailable() {
		StockItem released = this.kettle.reserve(2).release(2);

		assertThat(released).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
			.containsExactly(3, 0, 0);
	}

	@Test
	void refusesToReleaseMoreThanReserved() {
		assertThatThrownBy(() -> this.kettle.release(1)).isInstanceOf(StockRuleException.class)
			.hasMessage("cannot release 1 of SKU-5: only 0 reserved");
	}

	@Test
	void restockAddsToAvailableAndCountsAsRestocked() {
		StockItem restocked = this.kettle.reserve(1).restock(10);

		assertThat(restocked)
			.extracting(StockItem::initial, StockItem::restocked, StockItem::available, StockItem::reserved)
			.containsExactly(3, 10, 12, 1);
	}

	@Test
	void refusesToRestockNothing() {
		assertThatThrownBy(() -> this.kettle.restock(0)).isInstanceOf(StockRuleException.class)
			.hasMessage("quantity to restock must be positive for SKU-5, was 0");
	}

	@Test
	void keepsTheBalanceThroughEveryChange() {
		StockItem item = this.kettle.restock(5).reserve(4).sell(2).release(1).reserve(3);

		assertThat(item.initial() + item.restocked()).isEqualTo(item.available() + item.reserved() + item.sold());
		assertThat(item).extracting(StockItem::available, StockItem::reserved, StockItem::sold)
			.containsExactly(2, 4, 2);
	}

	@Test
	void refusesStockThatDoesNotBalance() {
		assertThatThrownBy(() -> new StockItem("SKU-5", "Kettle", BigDecimal.TEN, 3, 0, 3, 1, 0))
			.isInstanceOf(StockRuleException.class)
			.hasMessage("stock of SKU-5 must balance: initial 3 + restocked 0 != available 3 + reserved 1 + sold 0");
	}

	@Test
	void refusesNegativeQuantities() {
		assertThatThrownBy(() -> new StockItem("SKU-5", "Kettle", BigDecimal.TEN, 3, 0, 4, -1, 0))
			.isInstanceOf(StockRuleException.class)
			.hasMessage("no price or quantity of SKU-5 may be negative");
	}

}
