package dslab.drill.audit;

import java.util.ArrayList;
import java.util.List;

import dslab.drill.audit.OrderServiceSnapshot.Order;
import dslab.drill.audit.OrderServiceSnapshot.OrderStatus;
import dslab.drill.audit.PaymentServiceSnapshot.Payment;
import dslab.drill.audit.ProviderSnapshot.Charge;

import static dslab.drill.audit.Books.money;

/**
 * No money taken for a REJECTED or CANCELLED order. The lab has no refunds yet, so a
 * customer whose order failed must not have a CAPTURED payment in payment-service nor a
 * CAPTURED charge at the provider under the order's key; either one means the saga
 * cancelled an order it had in fact been paid for.
 */
final class NoMoneyForFailedOrders implements Check {

	static final String NAME = "no money taken for a rejected or cancelled order";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> violations(Books books) {
		List<String> violations = new ArrayList<>();
		for (Order order : books.orders()) {
			if (order.status() != OrderStatus.REJECTED && order.status() != OrderStatus.CANCELLED) {
				continue;
			}
			for (Payment payment : books.capturedPayments(order.orderId())) {
				violations.add("order %s is %s but payment %s captured %s".formatted(order.orderId(), order.status(),
						payment.paymentId(), money(payment.amount())));
			}
			for (Charge charge : books.capturedCharges(order.orderId())) {
				violations.add("order %s is %s but provider charge %s captured %s".formatted(order.orderId(),
						order.status(), charge.chargeId(), money(charge.amount())));
			}
		}
		return violations;
	}

}
