package dslab.drill.audit;

import dslab.drill.audit.InventorySnapshot.Stock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StockBalancesTest {

	private final Shop shop = Shop.withEveryOutcome();

	@Test
	void passesWhenEverySkuBalancesIncludingRestockedAndReservedUnits() {
		this.shop.changeStock("SKU-2",
				(s) -> new Stock("SKU-2", s.initial(), 20, s.available() + 20, s.reserved(), s.sold()));
		this.shop.reserved("SKU-2", 5, "37.50");

		this.shop.assertPasses(StockBalances.NAME);
	}

	@Test
	void reportsASkuWithAUnitSoldThatNeverArrived() {
		this.shop.changeStock("SKU-1",
				(s) -> new Stock("SKU-1", s.initial(), s.restocked(), s.available(), s.reserved(), s.sold() + 1));

		assertThat(this.shop.violationsOfOnly(StockBalances.NAME)).singleElement()
			.asString()
			.startsWith("SKU-1 does not balance")
			.contains("initial 100", "sold 3");
		assertThat(this.shop.audit().figures().stockViolations()).isOne();
	}

	@Test
	void reportsAnOversoldSkuEvenWhenItBalances() {
		this.shop.changeStock("SKU-2",
				(s) -> new Stock("SKU-2", s.initial(), s.restocked(), -2, s.reserved(), s.initial() + 2));

		assertThat(this.shop.violationsOfOnly(StockBalances.NAME)).singleElement()
			.asString()
			.contains("SKU-2", "available -2");
	}

}
