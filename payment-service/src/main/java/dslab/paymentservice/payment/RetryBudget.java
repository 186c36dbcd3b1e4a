package dslab.paymentservice.payment;

import java.time.Clock;
import java.time.Duration;

/**
 * Caps retries at a share of first calls over a sliding window while the provider fails
 * broadly, so that retries add at most that share to the calls it receives instead of
 * multiplying them. While it answers well (fewer than {@code healthyBelow} of the
 * answered calls in the window failed, or none were made), retries are not capped: they
 * are how the charges that failed while it was down get made once it is back. The window
 * is kept as one-second buckets. Resilience4j has no retry budget; this is the one in
 * Finagle's {@code RetryBudget} and the SRE book's "Handling Overload", kept small.
 */
class RetryBudget {

	private final Clock clock;

	private final double ratio;

	private final int minRetries;

	private final double healthyBelow;

	private final long[] firstCalls;

	private final long[] retries;

	private final long[] answered;

	private final long[] failed;

	private final long[] bucketSecond;

	/**
	 * @param ratio retries allowed per first call in the window
	 * @param minRetries retries allowed in the window however few the first calls
	 * @param healthyBelow the share of failed calls below which retries are not capped
	 * @param window how far back calls count, in whole seconds (at least one)
	 * @param clock the time
	 */
	RetryBudget(double ratio, int minRetries, double healthyBelow, Duration window, Clock clock) {
		int seconds = (int) Math.max(1, window.toSeconds());
		this.ratio = ratio;
		this.minRetries = minRetries;
		this.healthyBelow = healthyBelow;
		this.clock = clock;
		this.firstCalls = new long[seconds];
		this.retries = new long[seconds];
		this.answered = new long[seconds];
		this.failed = new long[seconds];
		this.bucketSecond = new long[seconds];
	}

	/** Counts a first call, which earns {@code ratio} of a retry. */
	synchronized void firstCall() {
		this.firstCalls[bucket()]++;
	}

	/** Counts a call the provider answered. */
	synchronized void answered() {
		this.answered[bucket()]++;
	}

	/** Counts a call the provider received and failed, or did not answer in time. */
	synchronized void failed() {
		this.failed[bucket()]++;
	}

	/**
	 * Takes a retry from the budget if it has one.
	 * @return whether the retry may be made
	 */
	synchronized boolean tryRetry() {
		int bucket = bucket();
		if (!healthy() && sum(this.retries) + 1 > allowed()) {
			return false;
		}
		this.retries[bucket]++;
		return true;
	}

	/** Retries the budget would still allow now, while the provider fails broadly. */
	synchronized double available() {
		bucket();
		return healthy() ? Double.POSITIVE_INFINITY : Math.max(0, allowed() - sum(this.retries));
	}

	private boolean healthy() {
		long failures = sum(this.failed);
		long calls = failures + sum(this.answered);
		return calls == 0 || (double) failures / calls < this.healthyBelow;
	}

	private double allowed() {
		return Math.max(this.minRetries, this.ratio * sum(this.firstCalls));
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
			this.answered[index] = 0;
			this.failed[index] = 0;
		}
		return index;
	}

}
