package dslab.drill.audit;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoOrderingViolationsTest {

	private final Shop shop = Shop.withEveryOutcome();

	@Test
	void passesWhenEveryKeyArrivedInOrderOrLateOnPurpose() {
		this.shop.inventoryOrdering
			.add(new OrderingCount("inventory-stock", "stock-movements", 5, 0, 0, 3, 3, List.of()));

		this.shop.assertPasses(NoOrderingViolations.NAME);
	}

	@Test
	void failsOnAGapOrAnEventOutOfOrderNamingTheConsumerTopicAndKeys() {
		this.shop.inventoryOrdering
			.add(new OrderingCount("inventory-stock", "stock-movements", 5, 2, 1, 0, 0, List.of("SKU-1", "SKU-4")));

		assertThat(this.shop.violationsOfOnly(NoOrderingViolations.NAME)).containsExactly(
				"inventory-service/inventory-stock on stock-movements: 2 event(s) missing, 1 out of order, over 5 key(s), e.g. SKU-1, SKU-4");
	}

}
