package dslab.reliability.ordering;

import java.util.List;

/**
 * How one consumer saw the keys of one topic arrive, summed over its keys; the audit
 * snapshots show it.
 *
 * @param consumer the inbox consumer
 * @param topic the topic the events were numbered on
 * @param keys keys it has handled numbered events of
 * @param gaps numbers skipped when a higher one arrived (a violation)
 * @param outOfOrder events that arrived after a higher number, not on purpose (a
 * violation)
 * @param deadLettered events it gave up on and dead-lettered (deliberate)
 * @param replayed events that came back late on purpose: replays and retries (deliberate)
 * @param keysOutOfLine up to ten keys with a gap or an event out of order
 */
public record OrderingCounts(String consumer, String topic, long keys, long gaps, long outOfOrder, long deadLettered,
		long replayed, List<String> keysOutOfLine) {

	public OrderingCounts {
		keysOutOfLine = List.copyOf(keysOutOfLine);
	}

}
