package dslab.drill.audit;

import java.util.Map;

/**
 * The numbers of an audit, for the drill's verdict and for comparing runs.
 *
 * @param acknowledged orders the client was answered {@code 202 Accepted} for
 * @param orders orders in order-service's books
 * @param confirmed of those, CONFIRMED
 * @param rejected of those, REJECTED
 * @param cancelled of those, CANCELLED
 * @param pending of those, still PENDING or RESERVED
 * @param lost acknowledged orders order-service does not have
 * @param duplicated orders that should not exist: extra listings of an acknowledged
 * order, and each order after the first for one customer's idempotency key
 * @param doubleCharges orders paid more than once, by payment-service's books or the
 * provider's
 * @param stockViolations violations found by the two stock checks
 * @param unknownOutcomes requests whose outcome the client never learned
 * @param unknownOutcomesPlaced of those, requests whose order order-service has
 * @param outboxBacklogs events waiting in each service's outbox, by service
 * @param consumerDuplicates redeliveries each consumer's inbox dropped, by
 * {@code service/consumer}
 */
public record Figures(int acknowledged, int orders, int confirmed, int rejected, int cancelled, int pending, int lost,
		int duplicated, int doubleCharges, int stockViolations, int unknownOutcomes, int unknownOutcomesPlaced,
		Map<String, Long> outboxBacklogs, Map<String, Long> consumerDuplicates) {

	public Figures {
		outboxBacklogs = Map.copyOf(outboxBacklogs);
		consumerDuplicates = Map.copyOf(consumerDuplicates);
	}

}
