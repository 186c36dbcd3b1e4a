package dslab.drill.load;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of one request, after its retries.
 *
 * @param idempotencyKey the key every attempt carried
 * @param order what was ordered
 * @param intendedAt when the schedule said to send it
 * @param outcome how the last attempt ended
 * @param status the last attempt's HTTP status, or 0 when it got no answer
 * @param attempts attempts made, the first one included
 * @param latency from the intended send time to the end of the last attempt, so it
 * includes any wait for a free client and every retry
 * @param orderId the id from the 202 body, or {@code null} if not acknowledged
 * @param unknownOutcome not acknowledged, and at least one attempt got no answer (timeout
 * or connection error): the order may exist or not, so an audit must accept either
 */
public record RequestResult(String idempotencyKey, OrderRequest order, Instant intendedAt, Outcome outcome, int status,
		int attempts, Duration latency, UUID orderId, boolean unknownOutcome) {

	public boolean acknowledged() {
		return this.orderId != null;
	}

}
