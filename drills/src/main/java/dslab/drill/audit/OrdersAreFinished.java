package dslab.drill.audit;

import java.util.List;

/**
 * Every order is terminal: CONFIRMED, REJECTED or CANCELLED. The drill runner waits,
 * within a bound, for the lab to fall quiet before it audits, so an order still PENDING
 * or RESERVED is one the saga dropped on the way (an event never published, never
 * consumed, or consumed without effect); the check lists each one with the time its
 * status last changed.
 */
final class OrdersAreFinished implements Check {

	static final String NAME = "every order is terminal";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> violations(Books books) {
		return books.orders()
			.stream()
			.filter((order) -> !order.status().isTerminal())
			.map((order) -> "order %s is still %s (last changed %s)".formatted(order.orderId(), order.status(),
					order.updatedAt()))
			.toList();
	}

}
