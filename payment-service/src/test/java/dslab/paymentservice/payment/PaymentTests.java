package dslab.paymentservice.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.PricedLine;
import dslab.contracts.StockReserved;
import dslab.paymentservice.payment.ChargeOutcome.Captured;
import dslab.paymentservice.payment.ChargeOutcome.Declined;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PaymentTests {

	private final StockReserved reserved = new StockReserved(UUID.randomUUID(), "c-1",
			List.of(new PricedLine("sku-1", 2, new BigDecimal("24.90"))), new BigDecimal("49.80"));

	@Test
	void capturedPaymentReportsPaymentCaptured() {
		Payment payment = Payment.of(this.reserved, new Captured("ch_1"));

		assertThat(payment.event()).isEqualTo(
				new PaymentCaptured(this.reserved.orderId(), payment.paymentId(), new BigDecimal("49.80"), "ch_1"));
	}

	@Test
	void declinedPaymentReportsPaymentDeclinedWithTheReason() {
		Payment payment = Payment.of(this.reserved, new Declined("ch_2", "customer c-1 is blocked"));

		assertThat(payment.event()).isEqualTo(new PaymentDeclined(this.reserved.orderId(), payment.paymentId(),
				new BigDecimal("49.80"), "customer c-1 is blocked"));
	}

	@Test
	void refusesCapturedPaymentWithoutChargeId() {
		assertThatIllegalArgumentException().isThrownBy(() -> Payment.of(this.reserved, new Captured(null)))
			.withMessageContaining("charge id");
	}

	@Test
	void refusesDeclinedPaymentWithoutReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> Payment.of(this.reserved, new Declined("ch_3", " ")))
			.withMessageContaining("why");
	}

}
