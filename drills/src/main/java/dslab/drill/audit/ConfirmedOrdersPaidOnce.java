package dslab.drill.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dslab.drill.audit.ClientLedger.AcknowledgedOrder;
import dslab.drill.audit.OrderServiceSnapshot.Order;
import dslab.drill.audit.OrderServiceSnapshot.OrderStatus;
import dslab.drill.audit.PaymentServiceSnapshot.Payment;
import dslab.drill.audit.ProviderSnapshot.Charge;

import static dslab.drill.audit.Books.money;
import static dslab.drill.audit.Books.sameAmount;

/**
 * Each CONFIRMED order was paid exactly once, for its amount. payment-service holds
 * exactly one CAPTURED payment for it and the provider exactly one CAPTURED charge under
 * the key {@code order-<orderId>}, both for the order's amount (compared as numbers, so
 * 12.5 equals 12.50); where the client knew what the order should cost, the order's
 * amount is that. A confirmation without money, money twice, or the wrong sum all fail
 * here.
 */
final class ConfirmedOrdersPaidOnce implements Check {

	static final String NAME = "each confirmed order is paid and charged exactly once, for its amount";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> violations(Books books) {
		Map<UUID, BigDecimal> expected = books.acknowledged()
			.stream()
			.filter((order) -> order.expectedAmount() != null)
			.collect(Collectors.toMap(AcknowledgedOrder::orderId, AcknowledgedOrder::expectedAmount));
		List<String> violations = new ArrayList<>();
		for (Order order : books.orders()) {
			if (order.status() != OrderStatus.CONFIRMED) {
				continue;
			}
			UUID id = order.orderId();
			if (order.amount() == null) {
				violations.add("order %s is CONFIRMED without an amount".formatted(id));
			}
			else if (expected.containsKey(id) && !sameAmount(order.amount(), expected.get(id))) {
				violations.add("order %s is CONFIRMED for %s but the client expected %s".formatted(id,
						money(order.amount()), money(expected.get(id))));
			}
			violations.addAll(exactlyOne(order, books.capturedPayments(id), "CAPTURED payment in payment-service",
					(payment) -> "payment " + payment.paymentId(), Payment::amount));
			violations.addAll(exactlyOne(order, books.capturedCharges(id),
					"CAPTURED provider charge under key " + Books.chargeKey(id),
					(charge) -> "provider charge " + charge.chargeId(), Charge::amount));
		}
		return violations;
	}

	private static <T> List<String> exactlyOne(Order order, List<T> found, String what, Function<T, String> describe,
			Function<T, BigDecimal> amount) {
		if (found.size() != 1) {
			return List.of("order %s is CONFIRMED with %d %s, expected exactly one".formatted(order.orderId(),
					found.size(), what));
		}
		T only = found.getFirst();
		if (order.amount() != null && !sameAmount(order.amount(), amount.apply(only))) {
			return List.of("order %s is CONFIRMED for %s but its %s is for %s".formatted(order.orderId(),
					money(order.amount()), describe.apply(only), money(amount.apply(only))));
		}
		return List.of();
	}

}
