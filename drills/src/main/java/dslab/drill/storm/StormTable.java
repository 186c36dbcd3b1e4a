package dslab.drill.storm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strategies side by side, as the AWS blog post compares them: the provider's work
 * (calls) and the clients' wait (time to complete), and the verdicts drawn from them.
 *
 * @param rows one per strategy, in the order they ran
 */
public record StormTable(List<StormSummary> rows) {

	private static final String[] HEADINGS = { "strategy", "provider calls", "client calls", "after recovery",
			"per client (max)", "refused: capacity", "failed: outage", "p50 done", "all done", "gave up" };

	private static final String TEXT_ROW = "%-22s %14s %12s %14s %16s %17s %14s %8s %8s %7s";

	public StormTable {
		rows = List.copyOf(rows);
	}

	/** The table as printed live, aligned in columns. */
	public String text() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format(TEXT_ROW, (Object[]) HEADINGS));
		this.rows.forEach((row) -> lines.add(String.format(TEXT_ROW, (Object[]) cells(row))));
		return String.join(System.lineSeparator(), lines);
	}

	/** One strategy's row in a line of its own, for a report's findings. */
	public static String summary(StormSummary row) {
		return "%d provider calls (%d refused for capacity, %d failed by the outage), %d after recovery, %.1f per client (max %d), p50 %s, all done %s, %d of %d gave up"
			.formatted(row.provider().calls(), row.provider().refusedForCapacity(), row.provider().failedByOutage(),
					row.callsAfterRecovery(), row.callsPerClient(), row.maxCallsPerClient(), seconds(row.p50()),
					seconds(row.allDone()), row.gaveUp(), row.clients());
	}

	/**
	 * A violation for each strategy some of whose clients never got the provider's
	 * decision.
	 */
	public List<String> unfinished() {
		return this.rows.stream()
			.filter((row) -> row.decided() < row.clients())
			.map((row) -> "%s: %d of %d clients never got the provider's decision (%d gave up)"
				.formatted(row.backoff().label(), row.clients() - row.decided(), row.clients(), row.gaveUp()))
			.toList();
	}

	/**
	 * A violation for each strategy whose storm took money: its charges are meant to be
	 * declined.
	 */
	public List<String> captured() {
		return this.rows.stream()
			.filter((row) -> row.captured() > 0)
			.map((row) -> "%s: %d storm charges were captured, not declined".formatted(row.backoff().label(),
					row.captured()))
			.toList();
	}

	/**
	 * A violation for each jittered strategy that made the provider work at least as hard
	 * as retrying at once did.
	 */
	public List<String> jitterSparesTheProvider() {
		Optional<StormSummary> none = row(Backoff.NONE);
		if (none.isEmpty()) {
			return List.of("no backoff did not run");
		}
		List<String> violations = new ArrayList<>();
		for (Backoff jittered : List.of(Backoff.FULL_JITTER, Backoff.DECORRELATED_JITTER)) {
			row(jittered).ifPresentOrElse((row) -> {
				if (row.provider().calls() >= none.get().provider().calls()) {
					violations.add("%s made %d provider calls, no backoff %d".formatted(jittered.label(),
							row.provider().calls(), none.get().provider().calls()));
				}
			}, () -> violations.add(jittered.label() + " did not run"));
		}
		return violations;
	}

	/**
	 * How each jittered strategy did against plain exponential backoff: calls in all,
	 * calls after the recovery, and time. Reported, not judged: which way the calls go
	 * depends on how long the outage lasts against the waits (see the drill's page).
	 */
	public Map<Backoff, String> versusExponential() {
		Map<Backoff, String> lines = new LinkedHashMap<>();
		row(Backoff.EXPONENTIAL).ifPresent((plain) -> {
			for (Backoff jittered : List.of(Backoff.FULL_JITTER, Backoff.DECORRELATED_JITTER)) {
				row(jittered).ifPresent((row) -> lines.put(jittered,
						"%s calls (%d vs %d), %s after recovery (%d vs %d), %s (all done %s vs %s)".formatted(
								compare(row.provider().calls(), plain.provider().calls(), "fewer", "more"),
								row.provider().calls(), plain.provider().calls(),
								compare(row.callsAfterRecovery(), plain.callsAfterRecovery(), "fewer", "more"),
								row.callsAfterRecovery(), plain.callsAfterRecovery(),
								compare(row.allDone().toMillis(), plain.allDone().toMillis(), "sooner", "later"),
								seconds(row.allDone()), seconds(plain.allDone()))));
			}
		});
		return lines;
	}

	public Optional<StormSummary> row(Backoff backoff) {
		return this.rows.stream().filter((row) -> row.backoff() == backoff).findFirst();
	}

	private static String compare(long jittered, long plain, String less, String more) {
		if (plain == 0 || jittered == plain) {
			return "the same";
		}
		double percent = 100.0 * Math.abs(jittered - plain) / plain;
		return "%.0f%% %s".formatted(percent, (jittered < plain) ? less : more);
	}

	private static String[] cells(StormSummary row) {
		return new String[] { row.backoff().label(), Long.toString(row.provider().calls()),
				Long.toString(row.clientCalls()), Long.toString(row.callsAfterRecovery()),
				"%.1f (%d)".formatted(row.callsPerClient(), row.maxCallsPerClient()),
				Long.toString(row.provider().refusedForCapacity()), Long.toString(row.provider().failedByOutage()),
				seconds(row.p50()), seconds(row.allDone()), row.gaveUp() + "/" + row.clients() };
	}

	static String seconds(Duration duration) {
		return "%.1f s".formatted(duration.toMillis() / 1000.0);
	}

}
