package dslab.drill.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a load run learned: each request's fate (what an audit compares against the
 * services' books) and the figures of the summary.
 *
 * @param settings what was asked for
 * @param requests every request started, in schedule order
 * @param skipped requests the schedule held but the in-flight cap did not let start
 * @param sendingTime from the start to the last request started
 * @param elapsed from the start until the last request finished
 * @param latency latencies of all requests, measured from their intended send times
 * @param latencyByOutcome the same, per outcome (an outcome nobody had is absent)
 */
public record LoadResult(LoadSettings settings, List<RequestResult> requests, long skipped, Duration sendingTime,
		Duration elapsed, LatencySummary latency, Map<Outcome, LatencySummary> latencyByOutcome) {

	public LoadResult {
		requests = List.copyOf(requests);
		latencyByOutcome = Map.copyOf(latencyByOutcome);
	}

	public long sent() {
		return this.requests.size();
	}

	public long count(Outcome outcome) {
		return this.requests.stream().filter((request) -> request.outcome() == outcome).count();
	}

	/** Attempts beyond the first, over all requests. */
	public long retries() {
		return this.requests.stream().mapToLong((request) -> request.attempts() - 1).sum();
	}

	/** Requests the gateway acknowledged with an order id. */
	public List<RequestResult> acknowledged() {
		return this.requests.stream().filter(RequestResult::acknowledged).toList();
	}

	public List<UUID> acknowledgedOrderIds() {
		return this.requests.stream().filter(RequestResult::acknowledged).map(RequestResult::orderId).toList();
	}

	/**
	 * Requests whose order may or may not exist (see
	 * {@link RequestResult#unknownOutcome()}).
	 */
	public List<RequestResult> unknownOutcomes() {
		return this.requests.stream().filter(RequestResult::unknownOutcome).toList();
	}

	/**
	 * Requests started per second while sending; below the target rate when the generator
	 * itself fell behind.
	 */
	public double achievedRate() {
		// A schedule stopped early (a drill ends its load when its faults are done) is
		// measured
		// over the time it actually sent; a full one over at least its planned duration.
		boolean cutShort = sent() + this.skipped < this.settings.requestCount();
		Duration window = (cutShort || this.sendingTime.compareTo(this.settings.duration()) > 0) ? this.sendingTime
				: this.settings.duration();
		return sent() / (window.toNanos() / 1e9);
	}

	public String summary() {
		return String.format(Locale.ROOT,
				"""
						Load against %s: %d sent in %.1f s (%.1f/s achieved, target %.1f/s), finished after %.1f s
						  ok %d   shed %d   client errors %d   errors %d   unknown outcome %d   retries %d   skipped %d (in-flight cap %d)
						  latency from the intended send time: %s""",
				this.settings.ordersEndpoint(), sent(), this.sendingTime.toNanos() / 1e9, achievedRate(),
				this.settings.rate(), this.elapsed.toNanos() / 1e9, count(Outcome.OK), count(Outcome.SHED),
				count(Outcome.CLIENT_ERROR), count(Outcome.ERROR), unknownOutcomes().size(), retries(), this.skipped,
				this.settings.maxInFlight(), this.latency);
	}

}
