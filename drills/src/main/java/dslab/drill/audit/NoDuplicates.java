package dslab.drill.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dslab.drill.audit.Books.PlacedWith;
import dslab.drill.audit.ClientLedger.UnknownOutcome;
import dslab.drill.audit.OrderServiceSnapshot.Order;

/**
 * No order placed twice for one idempotency key, none paid twice, whatever the client
 * saw. A request whose outcome the client never learned (a timeout, a broken connection)
 * may have created its order or not, and a retry with the same {@code Idempotency-Key}
 * must not create a second: order-service may hold zero or one order for that customer
 * and key, never more. The same holds for every key, whether the client learned the
 * outcome or not, and payment-service may hold at most one payment, of any status, per
 * order.
 */
final class NoDuplicates implements Check {

	static final String NAME = "no order placed twice for one idempotency key and none paid twice";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> violations(Books books) {
		Map<PlacedWith, UnknownOutcome> unknown = new LinkedHashMap<>();
		for (UnknownOutcome request : books.ledger().unknownOutcomes()) {
			unknown.putIfAbsent(new PlacedWith(request.customerId(), request.idempotencyKey()), request);
		}
		List<String> violations = new ArrayList<>();
		books.ordersByIdempotencyKey().forEach((placedWith, orders) -> {
			if (orders.size() > 1) {
				violations.add("%s created %d orders: %s%s".formatted(placedWith, orders.size(), ids(orders),
						note(unknown.get(placedWith))));
			}
		});
		books.paymentsByOrder().forEach((orderId, payments) -> {
			if (payments.size() > 1) {
				violations.add("order %s has %d payments in payment-service: %s".formatted(orderId, payments.size(),
						payments.stream()
							.map((payment) -> payment.paymentId() + " " + payment.status())
							.collect(Collectors.joining(", "))));
			}
		});
		return violations;
	}

	private static String note(UnknownOutcome request) {
		if (request == null) {
			return "";
		}
		String failure = (request.failure() != null) ? ": " + request.failure() : "";
		return " (the client never learned the outcome of its request" + failure + ")";
	}

	private static String ids(List<Order> orders) {
		return orders.stream().map(Order::orderId).map(UUID::toString).collect(Collectors.joining(", "));
	}

}
