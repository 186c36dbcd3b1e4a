package dslab.drill.audit;

import java.util.UUID;

import dslab.drill.audit.ClientLedger.AcknowledgedOrder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgedOrdersExistOnceTest {

	private final Shop shop = Shop.withEveryOutcome();

	@Test
	void passesWhenEveryAcknowledgedOrderIsListedOnce() {
		this.shop.assertPasses(AcknowledgedOrdersExistOnce.NAME);
	}

	@Test
	void reportsAnAcknowledgedOrderThatOrderServiceDoesNotHaveAsLost() {
		UUID lost = this.shop.confirmed("SKU-1", 1, "10.00");
		this.shop.orders.removeIf((order) -> order.orderId().equals(lost));

		assertThat(this.shop.violationsOfOnly(AcknowledgedOrdersExistOnce.NAME)).singleElement()
			.asString()
			.contains("order " + lost, "lost");
		assertThat(this.shop.audit().figures().lost()).isOne();
	}

	@Test
	void reportsAnOrderIdTheClientWasGivenButNoOrderWasStoredFor() {
		UUID neverStored = UUID.randomUUID();
		this.shop.acknowledged.add(new AcknowledgedOrder(neverStored, null));

		assertThat(this.shop.violationsOfOnly(AcknowledgedOrdersExistOnce.NAME)).singleElement()
			.asString()
			.contains("order " + neverStored);
	}

	@Test
	void reportsAnAcknowledgedOrderListedTwice() {
		UUID twice = this.shop.rejected("SKU-1");
		this.shop.orders.add(this.shop.order(twice));

		assertThat(this.shop.violationsOfOnly(AcknowledgedOrdersExistOnce.NAME)).singleElement()
			.asString()
			.contains("order " + twice, "2 times");
		assertThat(this.shop.audit().figures().duplicated()).isOne();
	}

	@Test
	void countsAnOrderAcknowledgedTwiceForOneKeyOnce() {
		UUID id = this.shop.confirmed("SKU-1", 1, "10.00");
		this.shop.acknowledged.add(new AcknowledgedOrder(id, null));

		this.shop.assertPasses(AcknowledgedOrdersExistOnce.NAME);
	}

}
