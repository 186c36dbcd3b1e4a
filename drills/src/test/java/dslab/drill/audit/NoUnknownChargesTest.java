package dslab.drill.audit;

import java.math.BigDecimal;
import java.util.UUID;

import dslab.drill.audit.ProviderSnapshot.Charge;
import dslab.drill.audit.ProviderSnapshot.ChargeStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoUnknownChargesTest {

	private final Shop shop = Shop.withEveryOutcome();

	@Test
	void passesWhenEveryCapturedChargeHasACapturedPayment() {
		this.shop.assertPasses(NoUnknownCharges.NAME);
	}

	@Test
	void ignoresDeclinedChargesWithoutAPayment() {
		this.shop.charges.add(new Charge("order-" + UUID.randomUUID(), "ch_declined", UUID.randomUUID(), Shop.CUSTOMER,
				new BigDecimal("5.00"), ChargeStatus.DECLINED, "card declined"));

		this.shop.assertPasses(NoUnknownCharges.NAME);
	}

	@Test
	void reportsAChargeForAnOrderPaymentServiceNeverRecorded() {
		UUID orderId = UUID.randomUUID();
		this.shop.charges.add(new Charge(Books.chargeKey(orderId), "ch_orphan", orderId, Shop.CUSTOMER,
				new BigDecimal("12.00"), ChargeStatus.CAPTURED, null));

		assertThat(this.shop.violationsOfOnly(NoUnknownCharges.NAME)).singleElement()
			.asString()
			.contains("ch_orphan", "order " + orderId, "12.00");
	}

	@Test
	void reportsASecondChargeForAPaidOrderUnderAFreshKey() {
		UUID confirmed = this.shop.confirmed("SKU-1", 1, "10.00");
		this.shop.charges.add(new Charge("retry-" + UUID.randomUUID(), "ch_second", confirmed, Shop.CUSTOMER,
				new BigDecimal("10.00"), ChargeStatus.CAPTURED, null));

		assertThat(this.shop.violationsOfOnly(NoUnknownCharges.NAME)).singleElement()
			.asString()
			.contains("ch_second", "order " + confirmed);
		assertThat(this.shop.audit().figures().doubleCharges()).isOne();
	}

}
