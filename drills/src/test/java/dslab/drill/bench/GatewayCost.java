package dslab.drill.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The gateway's own cost, as ratios to going straight to order-service, and the verdict
 * against the targets: through the gateway at least half the direct throughput at
 * saturation, and at most 1 ms added to the median at 50% load. nginx, when it ran, is
 * measured and compared the same way, for scale; the verdict is the gateway's alone.
 *
 * @param direct straight to order-service
 * @param gateway through the gateway
 * @param nginx through nginx, if it ran
 */
record GatewayCost(PathFigures direct, PathFigures gateway, Optional<PathFigures> nginx) {

	static final double MIN_THROUGHPUT_RATIO = 0.5;

	static final double MAX_ADDED_P50_MILLIS = 1.0;

	/**
	 * The rate of the latency phase: half the saturation of the slowest path, offered to
	 * every path.
	 */
	static double halfLoad(List<Double> saturations) {
		return saturations.stream().mapToDouble(Double::doubleValue).min().orElseThrow() / 2;
	}

	double throughputRatio(PathFigures path) {
		return path.saturation() / this.direct.saturation();
	}

	double addedP50Millis(PathFigures path) {
		return path.p50Millis() - this.direct.p50Millis();
	}

	double addedP99Millis(PathFigures path) {
		return path.p99Millis() - this.direct.p99Millis();
	}

	boolean throughputHolds() {
		return throughputRatio(this.gateway) >= MIN_THROUGHPUT_RATIO;
	}

	boolean latencyHolds() {
		// Whole microseconds, the histograms' unit, so exactly 1 ms added is not lost to
		// rounding.
		return Math.round(addedP50Millis(this.gateway) * 1000) <= Math.round(MAX_ADDED_P50_MILLIS * 1000);
	}

	/**
	 * Errors void the comparison: a failed request is cheap and would flatter its path.
	 */
	boolean valid() {
		return paths().stream().allMatch((path) -> path.errors() == 0);
	}

	String verdict() {
		if (!valid()) {
			return "VOID (requests failed, see the errors column)";
		}
		List<String> missed = new ArrayList<>();
		if (!throughputHolds()) {
			missed.add("throughput ratio %.2f < %.2f".formatted(throughputRatio(this.gateway), MIN_THROUGHPUT_RATIO));
		}
		if (!latencyHolds()) {
			missed.add("added p50 %.2f ms > %.1f ms".formatted(addedP50Millis(this.gateway), MAX_ADDED_P50_MILLIS));
		}
		return missed.isEmpty() ? "PASS" : "FAIL (" + String.join(", ", missed) + ")";
	}

	List<PathFigures> paths() {
		List<PathFigures> paths = new ArrayList<>(List.of(this.direct, this.gateway));
		this.nginx.ifPresent(paths::add);
		return paths;
	}

	/** One Markdown row per path, then the targets. */
	String table() {
		StringBuilder table = new StringBuilder(
				"""
						| path | saturation (req/s) | vs direct | p50 at 50%% load (ms) | added p50 (ms) | p99 (ms) | added p99 (ms) | requests | errors |
						| --- | --- | --- | --- | --- | --- | --- | --- | --- |
						"""
					.formatted());
		for (PathFigures path : paths()) {
			table.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %+.2f | %.2f | %+.2f | %d | %d |%n",
					path.name(), path.saturation(), throughputRatio(path), path.p50Millis(), addedP50Millis(path),
					path.p99Millis(), addedP99Millis(path), path.requests(), path.errors()));
		}
		return table.toString();
	}

	String targets() {
		return String.format(Locale.ROOT,
				"Targets (gateway): throughput at least %.0f%% of direct (measured %.0f%%: %s); added p50 at most %.1f ms (measured %+.2f ms: %s).",
				MIN_THROUGHPUT_RATIO * 100, throughputRatio(this.gateway) * 100, throughputHolds() ? "met" : "missed",
				MAX_ADDED_P50_MILLIS, addedP50Millis(this.gateway), latencyHolds() ? "met" : "missed");
	}

}
