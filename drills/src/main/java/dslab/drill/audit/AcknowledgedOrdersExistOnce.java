package dslab.drill.audit;

import java.util.ArrayList;
import java.util.List;

import dslab.drill.audit.ClientLedger.AcknowledgedOrder;

/**
 * Every acknowledged order exists exactly once. An order the lab answered {@code 202
 * Accepted} for is a promise: order-service must list it, and list it once. One it does
 * not list is lost (the acknowledgement went out but the order was never stored, or was
 * dropped later); one it lists twice means its books disagree with themselves.
 */
final class AcknowledgedOrdersExistOnce implements Check {

	static final String NAME = "every acknowledged order exists exactly once";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> violations(Books books) {
		List<String> violations = new ArrayList<>();
		for (AcknowledgedOrder acknowledged : books.acknowledged()) {
			int listings = books.listings(acknowledged.orderId()).size();
			if (listings == 0) {
				violations.add("order %s was acknowledged but order-service does not have it (lost)"
					.formatted(acknowledged.orderId()));
			}
			else if (listings > 1) {
				violations.add("order %s was acknowledged once but order-service lists it %d times"
					.formatted(acknowledged.orderId(), listings));
			}
		}
		return violations;
	}

}
