package dslab.drill.storm;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a client waits before it tries again: the schedules compared in the AWS
 * Architecture Blog post "Exponential Backoff and Jitter" (Marc Brooker, 2015), with its
 * formulas. {@code attempt} counts the retries made so far (0 before the first retry) and
 * {@code sleep} is the previous wait.
 */
public enum Backoff {

	/** Retries at once: {@code sleep = 0}. */
	NONE("no backoff") {
		@Override
		long nanos(long base, long cap, int attempt, long previous, RandomGenerator random) {
			return 0;
		}
	},

	/**
	 * {@code sleep = min(cap, base * 2^attempt)}: clients that failed together wait
	 * exactly as long and come back together.
	 */
	EXPONENTIAL("exponential, no jitter") {
		@Override
		long nanos(long base, long cap, int attempt, long previous, RandomGenerator random) {
			return ceiling(base, cap, attempt);
		}
	},

	/**
	 * {@code sleep = random_between(0, min(cap, base * 2^attempt))}: the exponential
	 * ceiling, with the whole wait drawn at random below it.
	 */
	FULL_JITTER("full jitter") {
		@Override
		long nanos(long base, long cap, int attempt, long previous, RandomGenerator random) {
			return random.nextLong(0, ceiling(base, cap, attempt) + 1);
		}
	},

	/**
	 * {@code sleep = min(cap, random_between(base, sleep * 3))}, the first {@code sleep}
	 * being {@code base}: each wait drawn from the previous one, never below the base.
	 */
	DECORRELATED_JITTER("decorrelated jitter") {
		@Override
		long nanos(long base, long cap, int attempt, long previous, RandomGenerator random) {
			long upper = (previous > Long.MAX_VALUE / 3) ? Long.MAX_VALUE - 1 : previous * 3;
			return Math.min(cap, random.nextLong(base, Math.max(base, upper) + 1));
		}
	};

	private final String label;

	Backoff(String label) {
		this.label = label;
	}

	/** How the strategy is called in a report. */
	public String label() {
		return this.label;
	}

	/**
	 * The wait before retry {@code attempt + 1}, the previous wait being
	 * {@code previous}.
	 * @param base the first wait's scale, more than zero
	 * @param cap the longest wait, at least {@code base}
	 */
	public Duration delay(Duration base, Duration cap, int attempt, Duration previous, RandomGenerator random) {
		check(base, cap);
		if (attempt < 0) {
			throw new IllegalArgumentException("attempt counts retries from 0, was " + attempt);
		}
		return Duration.ofNanos(nanos(base.toNanos(), cap.toNanos(), attempt, previous.toNanos(), random));
	}

	/** One client's waits, one after each failed attempt. */
	public Waits waits(Duration base, Duration cap, RandomGenerator random) {
		check(base, cap);
		return new Waits(this, base, cap, random);
	}

	abstract long nanos(long base, long cap, int attempt, long previous, RandomGenerator random);

	/** {@code min(cap, base * 2^attempt)}, without overflowing. */
	static long ceiling(long base, long cap, int attempt) {
		if (attempt >= Long.numberOfLeadingZeros(base)) {
			return cap;
		}
		return Math.min(cap, base << attempt);
	}

	private static void check(Duration base, Duration cap) {
		Objects.requireNonNull(base, "base");
		Objects.requireNonNull(cap, "cap");
		if (!base.isPositive() || cap.compareTo(base) < 0) {
			throw new IllegalArgumentException("Need 0 < base <= cap, was base " + base + " and cap " + cap);
		}
	}

	/** The waits of one client: keeps the count of retries and the previous wait. */
	public static final class Waits {

		private final Backoff backoff;

		private final Duration base;

		private final Duration cap;

		private final RandomGenerator random;

		private int attempt;

		private Duration previous;

		private Waits(Backoff backoff, Duration base, Duration cap, RandomGenerator random) {
			this.backoff = backoff;
			this.base = base;
			this.cap = cap;
			this.random = random;
			this.previous = base;
		}

		/** The wait before the next retry. */
		public Duration next() {
			Duration wait = this.backoff.delay(this.base, this.cap, this.attempt, this.previous, this.random);
			this.attempt++;
			this.previous = wait;
			return wait;
		}

	}

}
