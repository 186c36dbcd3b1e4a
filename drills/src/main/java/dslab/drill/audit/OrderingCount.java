package dslab.drill.audit;

import java.util.List;

/**
 * How one of a service's consumers saw the numbered events of one topic arrive, summed
 * over the topic's keys.
 *
 * @param consumer the consumer's name, e.g. {@code inventory-stock}
 * @param topic the topic the events were numbered on
 * @param keys keys it handled numbered events of
 * @param gaps numbers skipped when a higher one arrived: a violation
 * @param outOfOrder events that arrived after a higher number, not on purpose: a
 * violation
 * @param deadLettered events it dead-lettered (deliberate, not a violation)
 * @param replayed events that came back late on purpose, replays and retries (not a
 * violation)
 * @param keysOutOfLine up to ten keys with a violation
 */
public record OrderingCount(String consumer, String topic, long keys, long gaps, long outOfOrder, long deadLettered,
		long replayed, List<String> keysOutOfLine) {

	public OrderingCount {
		keysOutOfLine = (keysOutOfLine != null) ? List.copyOf(keysOutOfLine) : List.of();
	}

	public long violations() {
		return this.gaps + this.outOfOrder;
	}

}
