package dslab.drill.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Every consumer saw each key's events in the order they were published, none missing.
 * Each event carries its per-key sequence number and each consumer checks it as it
 * handles the event ({@code key_positions}): a higher number than the next is a gap, a
 * lower one that was not handled before arrived out of order. A dead letter and its
 * replay arrive late on purpose and are not counted; a redelivery is a duplicate the
 * inbox drops before the check.
 */
final class NoOrderingViolations implements Check {

	static final String NAME = "no ordering violations: every key's events handled in order, none missing";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> violations(Books books) {
		List<String> violations = new ArrayList<>();
		add(OrderServiceSnapshot.SERVICE, books.snapshots().orders().ordering(), violations);
		add(InventorySnapshot.SERVICE, books.snapshots().inventory().ordering(), violations);
		add(PaymentServiceSnapshot.SERVICE, books.snapshots().payments().ordering(), violations);
		return violations;
	}

	private static void add(String service, List<OrderingCount> counts, List<String> violations) {
		for (OrderingCount count : counts) {
			if (count.violations() > 0) {
				violations.add("%s/%s on %s: %d event(s) missing, %d out of order, over %d key(s), e.g. %s".formatted(
						service, count.consumer(), count.topic(), count.gaps(), count.outOfOrder(), count.keys(),
						String.join(", ", count.keysOutOfLine())));
			}
		}
	}

}
