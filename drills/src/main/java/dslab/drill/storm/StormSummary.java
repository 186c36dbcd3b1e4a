package dslab.drill.storm;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one strategy's storm cost and how long it took.
 *
 * @param backoff the strategy every client used
 * @param clients how many clients charged at once
 * @param decided clients whose charge the provider decided
 * @param gaveUp clients that stopped without a decision
 * @param captured clients whose charge was captured (the storm's charges are meant to be
 * declined)
 * @param clientCalls calls the clients made, counted by the clients
 * @param callsAfterRecovery of which sent once the provider was back: the price of
 * contention alone, without the outage's
 * @param provider what the provider counted meanwhile
 * @param maxCallsPerClient the most calls one client made
 * @param p50 half of the clients were done by then, from the storm's start
 * @param allDone the last client was done by then
 */
public record StormSummary(Backoff backoff, int clients, int decided, int gaveUp, int captured, long clientCalls,
		long callsAfterRecovery, ProviderCounts provider, int maxCallsPerClient, Duration p50, Duration allDone) {

	public StormSummary {
		Objects.requireNonNull(backoff, "backoff");
		Objects.requireNonNull(provider, "provider");
	}

	/** Sums up the clients' outcomes. */
	public static StormSummary of(Backoff backoff, List<ClientOutcome> outcomes, ProviderCounts provider) {
		List<Duration> elapsed = outcomes.stream()
			.map(ClientOutcome::elapsed)
			.sorted(Comparator.naturalOrder())
			.toList();
		return new StormSummary(backoff, outcomes.size(),
				(int) outcomes.stream().filter(ClientOutcome::decided).count(),
				(int) outcomes.stream().filter(ClientOutcome::gaveUp).count(),
				(int) outcomes.stream().filter(ClientOutcome::captured).count(),
				outcomes.stream().mapToLong(ClientOutcome::calls).sum(),
				outcomes.stream().mapToLong(ClientOutcome::callsAfterRecovery).sum(), provider,
				outcomes.stream().mapToInt(ClientOutcome::calls).max().orElse(0), percentile(elapsed, 50),
				elapsed.isEmpty() ? Duration.ZERO : elapsed.getLast());
	}

	/** Calls per client, on average, as the clients counted them. */
	public double callsPerClient() {
		return (this.clients > 0) ? (double) this.clientCalls / this.clients : 0;
	}

	/** Nearest rank: the smallest value with at least {@code percent}% at or below it. */
	static Duration percentile(List<Duration> sorted, int percent) {
		if (sorted.isEmpty()) {
			return Duration.ZERO;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

	/**
	 * What the provider's own metrics counted while one storm ran.
	 *
	 * @param calls {@code POST /charges} requests it answered
	 * @param refusedForCapacity of which refused at once because it was at capacity
	 * @param failedByOutage of which failed by the injected outage
	 */
	public record ProviderCounts(long calls, long refusedForCapacity, long failedByOutage) {

		/** What was counted between {@code earlier} and these counts. */
		public ProviderCounts since(ProviderCounts earlier) {
			return new ProviderCounts(this.calls - earlier.calls, this.refusedForCapacity - earlier.refusedForCapacity,
					this.failedByOutage - earlier.failedByOutage);
		}

	}

}
