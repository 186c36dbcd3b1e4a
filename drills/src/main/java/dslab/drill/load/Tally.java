package dslab.drill.load;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The running count of one load run: request threads record into it, the progress line
 * and the final result read from it.
 */
final class Tally {

	private static final long HIGHEST_MICROS = Duration.ofHours(1).toNanos() / 1000;

	private static final int DIGITS = 3;

	private final Map<Outcome, Recorder> recorders = new EnumMap<>(Outcome.class);

	private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

	// Guarded by this: what the recorders held at the last drain, summed up.
	private final Map<Outcome, Histogram> totals = new EnumMap<>(Outcome.class);

	private final LongAdder sent = new LongAdder();

	private final LongAdder skipped = new LongAdder();

	private final Queue<RequestResult> results = new ConcurrentLinkedQueue<>();

	Tally() {
		for (Outcome outcome : Outcome.values()) {
			this.recorders.put(outcome, new Recorder(HIGHEST_MICROS, DIGITS));
			this.counts.put(outcome, new LongAdder());
			this.totals.put(outcome, new Histogram(HIGHEST_MICROS, DIGITS));
		}
	}

	void started() {
		this.sent.increment();
	}

	void skipped() {
		this.skipped.increment();
	}

	void record(RequestResult result) {
		long micros = Math.clamp(result.latency().toNanos() / 1000, 1, HIGHEST_MICROS);
		this.recorders.get(result.outcome()).recordValue(micros);
		this.counts.get(result.outcome()).increment();
		this.results.add(result);
	}

	synchronized String progressLine(Duration elapsed) {
		return String.format(Locale.ROOT, "%5ds  sent %d  ok %d  shed %d  errors %d  p99 %s", elapsed.toSeconds(),
				this.sent.sum(), this.counts.get(Outcome.OK).sum(), this.counts.get(Outcome.SHED).sum(),
				this.counts.get(Outcome.CLIENT_ERROR).sum() + this.counts.get(Outcome.ERROR).sum(),
				LatencySummary.format(latency().p99()));
	}

	long skippedCount() {
		return this.skipped.sum();
	}

	List<RequestResult> results() {
		return this.results.stream().sorted(Comparator.comparing(RequestResult::intendedAt)).toList();
	}

	synchronized LatencySummary latency() {
		drain();
		Histogram all = new Histogram(HIGHEST_MICROS, DIGITS);
		this.totals.values().forEach(all::add);
		return LatencySummary.ofMicros(all);
	}

	synchronized Map<Outcome, LatencySummary> latencyByOutcome() {
		drain();
		Map<Outcome, LatencySummary> byOutcome = new EnumMap<>(Outcome.class);
		this.totals.forEach((outcome, histogram) -> {
			if (histogram.getTotalCount() > 0) {
				byOutcome.put(outcome, LatencySummary.ofMicros(histogram));
			}
		});
		return byOutcome;
	}

	private void drain() {
		this.recorders.forEach((outcome, recorder) -> this.totals.get(outcome).add(recorder.getIntervalHistogram()));
	}

}
