package dslab.drill.audit;

import java.math.BigDecimal;
import java.util.UUID;

import dslab.drill.audit.ClientLedger.AcknowledgedOrder;
import dslab.drill.audit.PaymentServiceSnapshot.Payment;
import dslab.drill.audit.ProviderSnapshot.Charge;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmedOrdersPaidOnceTest {

	private final Shop shop = Shop.withEveryOutcome();

	private final UUID confirmed = this.shop.confirmed("SKU-1", 3, "36.00");

	@Test
	void passesWhenEachConfirmedOrderHasOnePaymentAndOneChargeForItsAmount() {
		this.shop.assertPasses(ConfirmedOrdersPaidOnce.NAME);
	}

	@Test
	void comparesAmountsAsNumbersNotByScale() {
		this.shop.changePayment(this.confirmed, (payment) -> withAmount(payment, "36.0"));
		this.shop.changeCharge(this.confirmed, (charge) -> withAmount(charge, "36"));

		this.shop.assertPasses(ConfirmedOrdersPaidOnce.NAME);
	}

	@Test
	void reportsAConfirmedOrderWithNeitherPaymentNorCharge() {
		this.shop.payments.removeIf((payment) -> payment.orderId().equals(this.confirmed));
		this.shop.charges.removeIf((charge) -> charge.orderId().equals(this.confirmed));

		assertThat(this.shop.violationsOfOnly(ConfirmedOrdersPaidOnce.NAME)).hasSize(2)
			.allSatisfy((violation) -> assertThat(violation).contains("order " + this.confirmed, "with 0"));
	}

	@Test
	void reportsAConfirmedOrderTheProviderNeverCharged() {
		this.shop.charges.removeIf((charge) -> charge.orderId().equals(this.confirmed));

		assertThat(this.shop.violationsOfOnly(ConfirmedOrdersPaidOnce.NAME)).singleElement()
			.asString()
			.contains("order " + this.confirmed, "0 CAPTURED provider charge", "order-" + this.confirmed);
	}

	@Test
	void reportsAPaymentForAnotherAmountThanTheOrders() {
		this.shop.changePayment(this.confirmed, (payment) -> withAmount(payment, "35.99"));

		assertThat(this.shop.violationsOfOnly(ConfirmedOrdersPaidOnce.NAME)).singleElement()
			.asString()
			.contains("order " + this.confirmed, "36.00", "35.99", "payment");
	}

	@Test
	void reportsAChargeForAnotherAmountThanTheOrders() {
		this.shop.changeCharge(this.confirmed, (charge) -> withAmount(charge, "72.00"));

		assertThat(this.shop.violationsOfOnly(ConfirmedOrdersPaidOnce.NAME)).singleElement()
			.asString()
			.contains("order " + this.confirmed, "provider charge", "72.00");
	}

	@Test
	void reportsAConfirmedOrderWithoutAnAmount() {
		this.shop.changeOrder(this.confirmed, (order) -> Shop.withAmount(order, null));
		this.shop.acknowledged.replaceAll((order) -> new AcknowledgedOrder(order.orderId(), null));

		assertThat(this.shop.violationsOfOnly(ConfirmedOrdersPaidOnce.NAME)).singleElement()
			.asString()
			.contains("order " + this.confirmed, "without an amount");
	}

	@Test
	void reportsAnOrderConfirmedForAnotherAmountThanTheClientExpected() {
		this.shop.acknowledged.replaceAll((order) -> order.orderId().equals(this.confirmed)
				? new AcknowledgedOrder(this.confirmed, new BigDecimal("30.00")) : order);

		assertThat(this.shop.violationsOfOnly(ConfirmedOrdersPaidOnce.NAME)).singleElement()
			.asString()
			.contains("order " + this.confirmed, "client expected 30.00");
	}

	@Test
	void reportsTwoCapturedPaymentsForOneConfirmedOrder() {
		Payment first = this.shop.payment(this.confirmed);
		this.shop.payments.add(new Payment(UUID.randomUUID(), this.confirmed, first.customerId(), first.amount(),
				first.status(), first.chargeId(), null));

		assertThat(this.shop.audit().check(ConfirmedOrdersPaidOnce.NAME).violations()).singleElement()
			.asString()
			.contains("order " + this.confirmed, "2 CAPTURED payment");
		assertThat(this.shop.audit().figures().doubleCharges()).isOne();
	}

	private static Payment withAmount(Payment payment, String amount) {
		return new Payment(payment.paymentId(), payment.orderId(), payment.customerId(), new BigDecimal(amount),
				payment.status(), payment.chargeId(), payment.reason());
	}

	private static Charge withAmount(Charge charge, String amount) {
		return new Charge(charge.idempotencyKey(), charge.chargeId(), charge.orderId(), charge.customerId(),
				new BigDecimal(amount), charge.status(), charge.reason());
	}

}
