package dslab.drill.audit;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrdersAreFinishedTest {

	private final Shop shop = Shop.withEveryOutcome();

	@Test
	void passesWhenEveryOrderIsConfirmedRejectedOrCancelled() {
		this.shop.assertPasses(OrdersAreFinished.NAME);
	}

	@Test
	void reportsAnOrderStillWaitingForInventory() {
		UUID pending = this.shop.pending();

		assertThat(this.shop.violationsOfOnly(OrdersAreFinished.NAME)).singleElement()
			.asString()
			.contains("order " + pending, "PENDING");
	}

	@Test
	void reportsAnOrderStillWaitingForItsPayment() {
		UUID reserved = this.shop.reserved("SKU-2", 4, "40.00");

		assertThat(this.shop.violationsOfOnly(OrdersAreFinished.NAME)).singleElement()
			.asString()
			.contains("order " + reserved, "RESERVED");
		assertThat(this.shop.audit().figures().pending()).isOne();
	}

}
