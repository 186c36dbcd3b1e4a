package dslab.drill.audit;

import java.math.BigDecimal;
import java.util.UUID;

import dslab.drill.audit.PaymentServiceSnapshot.Payment;
import dslab.drill.audit.PaymentServiceSnapshot.PaymentStatus;
import dslab.drill.audit.ProviderSnapshot.Charge;
import dslab.drill.audit.ProviderSnapshot.ChargeStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoMoneyForFailedOrdersTest {

	private final Shop shop = Shop.withEveryOutcome();

	@Test
	void passesWhenFailedOrdersHaveOnlyDeclinedPaymentsOrNone() {
		this.shop.assertPasses(NoMoneyForFailedOrders.NAME);
	}

	@Test
	void reportsACancelledOrderWhosePaymentWasCaptured() {
		UUID cancelled = this.shop.cancelled("SKU-2", 1, "7.50");
		this.shop.changePayment(cancelled, (payment) -> new Payment(payment.paymentId(), payment.orderId(),
				payment.customerId(), payment.amount(), PaymentStatus.CAPTURED, payment.chargeId(), null));
		this.shop.changeCharge(cancelled, (charge) -> new Charge(charge.idempotencyKey(), charge.chargeId(),
				charge.orderId(), charge.customerId(), charge.amount(), ChargeStatus.CAPTURED, null));

		assertThat(this.shop.violationsOfOnly(NoMoneyForFailedOrders.NAME)).hasSize(2)
			.allSatisfy((violation) -> assertThat(violation).contains("order " + cancelled, "CANCELLED", "7.50"));
	}

	@Test
	void reportsARejectedOrderThatWasChargedAnyway() {
		UUID rejected = this.shop.rejected("SKU-1");
		this.shop.payments.add(new Payment(UUID.randomUUID(), rejected, Shop.CUSTOMER, new BigDecimal("3.00"),
				PaymentStatus.CAPTURED, "ch_rejected", null));
		this.shop.charges.add(new Charge(Books.chargeKey(rejected), "ch_rejected", rejected, Shop.CUSTOMER,
				new BigDecimal("3.00"), ChargeStatus.CAPTURED, null));

		assertThat(this.shop.violationsOfOnly(NoMoneyForFailedOrders.NAME)).hasSize(2)
			.anySatisfy((violation) -> assertThat(violation).contains("order " + rejected, "REJECTED", "payment"))
			.anySatisfy(
					(violation) -> assertThat(violation).contains("order " + rejected, "provider charge ch_rejected"));
	}

}
