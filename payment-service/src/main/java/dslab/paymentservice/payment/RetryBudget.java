package dslab.paymentservice.payment;

import java.time.Clock;
import java.time.Duration;

/**
 * Caps retries at a share of first calls over a sliding window, so that when the provider
 * fails broadly, retries add at most that share to the calls it receives instead of
 * multiplying them. The window is kept as one-second buckets of first calls and retries.
 * Resilience4j has no retry budget; this is the one in Finagle's {@code RetryBudget} and
 * the SRE book's "Handling Overload", kept small.
 */
class RetryBudget {

	private final Clock clock;

	private final double ratio;

	private final int minRetries;

	private final long[] firstCalls;

	private final long[] retries;

	private final long[] bucketSecond;

	/**
	 * @param ratio retries allowed per first call in the window
	 * @param minRetries retries allowed in the window however few the first calls
	 * @param window how far back calls count, in whole seconds (at least one)
	 * @param clock the time
	 */
	RetryBudget(double ratio, int minRetries, Duration window, Clock clock) {
		int seconds = (int) Math.max(1, window.toSeconds());
		this.ratio = ratio;
		this.minRetries = minRetries;
		this.clock = clock;
		this.firstCalls = new long[seconds];
		this.retries = new long[seconds];
		this.bucketSecond = new long[seconds];
	}

	/** Counts a first call, which earns {@code ratio} of a retry. */
	synchronized void firstCall() {
		this.firstCalls[bucket()]++;
	}

	/**
	 * Takes a retry from the budget if it has one.
	 * @return whether the retry may be made
	 */
	synchronized boolean tryRetry() {
		int bucket = bucket();
		if (retriesInWindow() + 1 > allowed()) {
			return false;
		}
		this.retries[bucket]++;
		return true;
	}

	/** Retries the budget would still allow now. */
	synchronized double available() {
		bucket();
		return Math.max(0, allowed() - retriesInWindow());
	}

	private double allowed() {
		return Math.max(this.minRetries, this.ratio * sum(this.firstCalls));
	}

	private long retriesInWindow() {
		return sum(this.retries);
	}

	private long sum(long[] counts) {
		long now = this.clock.millis() / 1000;
		long total = 0;
		for (int i = 0; i < counts.length; i++) {
			if (now - this.bucketSecond[i] < counts.length) {
				total += counts[i];
			}
		}
		return total;
	}

	/**
	 * The bucket of the current second, emptied first if it last held an older second.
	 */
	private int bucket() {
		long second = this.clock.millis() / 1000;
		int index = (int) (second % this.firstCalls.length);
		if (this.bucketSecond[index] != second) {
			this.bucketSecond[index] = second;
			this.firstCalls[index] = 0;
			this.retries[index] = 0;
		}
		return index;
	}

}
