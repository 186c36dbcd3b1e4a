package dslab.drill.audit;

import java.util.UUID;

import dslab.drill.audit.ClientLedger.UnknownOutcome;
import dslab.drill.audit.OrderServiceSnapshot.Order;
import dslab.drill.audit.PaymentServiceSnapshot.Payment;
import dslab.drill.audit.PaymentServiceSnapshot.PaymentStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoDuplicatesTest {

	private final Shop shop = Shop.withEveryOutcome();

	@Test
	void passesWhenRequestsWithUnknownOutcomesCreatedOneOrderOrNone() {
		UUID placed = this.shop.confirmed("SKU-1", 1, "10.00");
		this.shop.neverAnswered(placed);
		this.shop.unknownOutcomes.add(new UnknownOutcome(Shop.CUSTOMER, "k-never-arrived", "connection reset"));

		this.shop.assertPasses(NoDuplicates.NAME);
		assertThat(this.shop.audit().passed()).isTrue();
		assertThat(this.shop.audit().figures().unknownOutcomes()).isEqualTo(2);
		assertThat(this.shop.audit().figures().unknownOutcomesPlaced()).isOne();
	}

	@Test
	void passesWhenDifferentCustomersUseTheSameKey() {
		UUID first = this.shop.rejected("SKU-1");
		UUID second = this.shop.rejected("SKU-1");
		String key = this.shop.order(first).idempotencyKey();
		this.shop.changeOrder(second, (order) -> new Order(order.orderId(), "c-2", order.status(), order.reason(),
				order.amount(), key, order.createdAt(), order.updatedAt()));

		this.shop.assertPasses(NoDuplicates.NAME);
	}

	@Test
	void reportsARetryOfAnUnansweredRequestThatCreatedASecondOrder() {
		UUID first = this.shop.rejected("SKU-1");
		UUID second = this.shop.rejected("SKU-1");
		String key = this.shop.order(first).idempotencyKey();
		this.shop.changeOrder(second, (order) -> new Order(order.orderId(), order.customerId(), order.status(),
				order.reason(), order.amount(), key, order.createdAt(), order.updatedAt()));
		this.shop.neverAnswered(first);

		assertThat(this.shop.violationsOfOnly(NoDuplicates.NAME)).singleElement()
			.asString()
			.contains("Idempotency-Key " + key, "2 orders", first.toString(), second.toString(), "never learned",
					"timeout");
		assertThat(this.shop.audit().figures().duplicated()).isOne();
	}

	@Test
	void reportsTwoOrdersForOneKeyEvenWhenTheClientWasAnsweredTwice() {
		UUID first = this.shop.rejected("SKU-2");
		UUID second = this.shop.rejected("SKU-2");
		String key = this.shop.order(first).idempotencyKey();
		this.shop.changeOrder(second, (order) -> new Order(order.orderId(), order.customerId(), order.status(),
				order.reason(), order.amount(), key, order.createdAt(), order.updatedAt()));

		assertThat(this.shop.violationsOfOnly(NoDuplicates.NAME)).singleElement()
			.asString()
			.contains("Idempotency-Key " + key, first.toString(), second.toString())
			.doesNotContain("never learned");
	}

	@Test
	void reportsTwoPaymentsForOneOrder() {
		UUID cancelled = this.shop.cancelled("SKU-1", 1, "10.00");
		Payment declined = this.shop.payment(cancelled);
		this.shop.payments.add(new Payment(UUID.randomUUID(), cancelled, declined.customerId(), declined.amount(),
				PaymentStatus.DECLINED, "ch_again", "card declined"));

		assertThat(this.shop.violationsOfOnly(NoDuplicates.NAME)).singleElement()
			.asString()
			.contains("order " + cancelled, "2 payments", declined.paymentId().toString());
	}

}
