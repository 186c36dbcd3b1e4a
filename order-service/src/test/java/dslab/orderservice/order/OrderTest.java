package dslab.orderservice.order;

import java.math.BigDecimal;
import java.util.List;

import dslab.contracts.OrderLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dslab.orderservice.order.OrderStatus.CANCELLED;
import static dslab.orderservice.order.OrderStatus.CONFIRMED;
import static dslab.orderservice.order.OrderStatus.PENDING;
import static dslab.orderservice.order.OrderStatus.REJECTED;
import static dslab.orderservice.order.OrderStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OrderTest {

	private static final BigDecimal TOTAL = new BigDecimal("25.00");

	@Test
	void placedOrderIsPendingWithoutAmountOrReason() {
		Order order = Order.place("c-1", List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1)));

		assertThat(order.id()).isNotNull();
		assertThat(order.customerId()).isEqualTo("c-1");
		assertThat(order.lines()).containsExactly(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1));
		assertThat(order.status()).isEqualTo(PENDING);
		assertThat(order.amount()).isNull();
		assertThat(order.reason()).isNull();
	}

	@Test
	void refusesToPlaceOrderThatNamesSkuTwice() {
		assertThatExceptionOfType(OrderRefused.class)
			.isThrownBy(() -> Order.place("c-1", List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-1", 1))))
			.withMessageStartingWith("SKU SKU-1 appears on two lines; an order names each SKU once.");
	}

	@Test
	void refusesToPlaceOrderWithoutLines() {
		assertThatExceptionOfType(OrderRefused.class).isThrownBy(() -> Order.place("c-1", List.of()))
			.withMessage("An order needs at least one line.");
	}

	@Test
	void reservingPendingOrderSetsItsAmount() {
		Order order = orderIn(PENDING);

		order.markReserved(TOTAL);

		assertThat(order.status()).isEqualTo(RESERVED);
		assertThat(order.amount()).isEqualTo(TOTAL);
	}

	@ParameterizedTest
	@EnumSource(names = { "RESERVED", "CONFIRMED", "REJECTED", "CANCELLED" })
	void refusesToReserveOrderThatIsNotPending(OrderStatus status) {
		Order order = orderIn(status);

		assertThat(order.canReserve()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> order.markReserved(TOTAL))
			.withMessage("Order %s is %s; only a PENDING order can be reserved", order.id(), status);
	}

	@Test
	void rejectingPendingOrderRecordsTheReason() {
		Order order = orderIn(PENDING);

		order.reject("SKU-1: 1 available, 2 requested");

		assertThat(order.status()).isEqualTo(REJECTED);
		assertThat(order.reason()).isEqualTo("SKU-1: 1 available, 2 requested");
	}

	@ParameterizedTest
	@EnumSource(names = { "RESERVED", "CONFIRMED", "REJECTED", "CANCELLED" })
	void refusesToRejectOrderThatIsNotPending(OrderStatus status) {
		Order order = orderIn(status);

		assertThat(order.canReject()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> order.reject("out of stock"))
			.withMessage("Order %s is %s; only a PENDING order can be rejected", order.id(), status);
	}

	@ParameterizedTest
	@EnumSource(names = { "PENDING", "RESERVED" })
	void confirmingSetsTheCapturedAmount(OrderStatus status) {
		Order order = orderIn(status);

		order.confirm(new BigDecimal("24.50"));

		assertThat(order.status()).isEqualTo(CONFIRMED);
		assertThat(order.amount()).isEqualTo(new BigDecimal("24.50"));
	}

	@ParameterizedTest
	@EnumSource(names = { "CONFIRMED", "REJECTED", "CANCELLED" })
	void refusesToConfirmFinishedOrder(OrderStatus status) {
		Order order = orderIn(status);

		assertThat(order.canConfirm()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> order.confirm(TOTAL))
			.withMessage("Order %s is %s; only a PENDING or RESERVED order can be confirmed", order.id(), status);
	}

	@ParameterizedTest
	@EnumSource(names = { "PENDING", "RESERVED" })
	void cancellingRecordsTheReason(OrderStatus status) {
		Order order = orderIn(status);

		order.cancel("payment declined: insufficient funds");

		assertThat(order.status()).isEqualTo(CANCELLED);
		assertThat(order.reason()).isEqualTo("payment declined: insufficient funds");
	}

	@ParameterizedTest
	@EnumSource(names = { "CONFIRMED", "REJECTED", "CANCELLED" })
	void refusesToCancelFinishedOrder(OrderStatus status) {
		Order order = orderIn(status);

		assertThat(order.canCancel()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> order.cancel("payment declined: expired card"))
			.withMessage("Order %s is %s; only a PENDING or RESERVED order can be cancelled", order.id(), status);
	}

	@Test
	void lateReservationFillsTheMissingAmountOfCancelledOrder() {
		Order order = orderIn(PENDING);
		order.cancel("payment declined: insufficient funds");

		order.takeLateReservation(TOTAL);

		assertThat(order.status()).isEqualTo(CANCELLED);
		assertThat(order.amount()).isEqualTo(TOTAL);
	}

	@Test
	void lateReservationKeepsTheCapturedAmountOfConfirmedOrder() {
		Order order = orderIn(PENDING);
		order.confirm(new BigDecimal("24.50"));

		order.takeLateReservation(TOTAL);

		assertThat(order.status()).isEqualTo(CONFIRMED);
		assertThat(order.amount()).isEqualTo(new BigDecimal("24.50"));
	}

	@ParameterizedTest
	@EnumSource(names = { "PENDING", "RESERVED", "REJECTED" })
	void refusesLateReservationWithoutPaymentOutcome(OrderStatus status) {
		Order order = orderIn(status);

		assertThat(order.canTakeLateReservation()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> order.takeLateReservation(TOTAL))
			.withMessage(
					"Order %s is %s; only a CONFIRMED or CANCELLED order takes a reservation that arrived after its payment outcome",
					order.id(), status);
	}

	private static Order orderIn(OrderStatus status) {
		return Order.restore(OrderId.random(), "c-1", List.of(new OrderLine("SKU-1", 2)), status,
				(status == REJECTED || status == CANCELLED) ? "some reason" : null,
				(status == PENDING || status == REJECTED) ? null : TOTAL);
	}

}
