package dslab.drill.load;

import java.time.Duration;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/** Percentiles of a set of latencies. */
public record LatencySummary(long count, Duration p50, Duration p90, Duration p99, Duration max) {

	static LatencySummary ofMicros(Histogram micros) {
		return new LatencySummary(micros.getTotalCount(), percentile(micros, 50), percentile(micros, 90),
				percentile(micros, 99), Duration.ofNanos(micros.getMaxValue() * 1000));
	}

	private static Duration percentile(Histogram micros, double percentile) {
		return Duration.ofNanos(micros.getValueAtPercentile(percentile) * 1000);
	}

	@Override
	public String toString() {
		return "p50 " + format(this.p50) + "  p90 " + format(this.p90) + "  p99 " + format(this.p99) + "  max "
				+ format(this.max);
	}

	static String format(Duration latency) {
		return (latency.toMillis() < 1000) ? String.format(Locale.ROOT, "%.1f ms", latency.toNanos() / 1e6)
				: String.format(Locale.ROOT, "%.2f s", latency.toNanos() / 1e9);
	}

}
