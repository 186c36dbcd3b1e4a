package dslab.gateway.shedding;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.netflix.concurrency.limits.Limit;

/**
 * Gradient2 with an ear for refusals: Gradient2 reads latency only and ignores a dropped
 * request, so a backend whose bulkhead answers 503 at once looks fast and healthy. Here a
 * dropped request (502, 503, 504, no answer) never reaches Gradient2 and cuts a cap
 * instead (multiplied by {@code backoff}); each success grows the cap back by
 * {@code 1/cap} (one slot per limit's worth of successes, as TCP's congestion avoidance
 * does). The limit in force is the lower of the two.
 */
final class DropAwareLimit implements Limit {

	private final Limit latency;

	private final int minLimit;

	private final int maxLimit;

	private final double backoff;

	private final List<Consumer<Integer>> listeners = new CopyOnWriteArrayList<>();

	private double cap;

	private volatile int limit;

	DropAwareLimit(Limit latency, int minLimit, int maxLimit, double backoff) {
		this.latency = latency;
		this.minLimit = minLimit;
		this.maxLimit = maxLimit;
		this.backoff = backoff;
		this.cap = maxLimit;
		this.limit = latency.getLimit();
		latency.notifyOnChange((ignored) -> publish());
	}

	@Override
	public int getLimit() {
		return this.limit;
	}

	@Override
	public void notifyOnChange(Consumer<Integer> consumer) {
		this.listeners.add(consumer);
	}

	@Override
	public void onSample(long startTime, long rtt, int inflight, boolean didDrop) {
		synchronized (this) {
			if (didDrop) {
				this.cap = Math.max(this.minLimit, Math.min(this.cap, this.limit) * this.backoff);
			}
			else {
				this.cap = Math.min(this.maxLimit, this.cap + 1.0 / Math.max(1.0, this.cap));
			}
		}
		if (!didDrop) {
			this.latency.onSample(startTime, rtt, inflight, false);
		}
		publish();
	}

	private void publish() {
		int next;
		synchronized (this) {
			next = (int) Math.max(this.minLimit, Math.min(this.latency.getLimit(), this.cap));
			if (next == this.limit) {
				return;
			}
			this.limit = next;
		}
		this.listeners.forEach((listener) -> listener.accept(next));
	}

	@Override
	public String toString() {
		return "DropAwareLimit [limit=" + this.limit + ", latency=" + this.latency + "]";
	}

}
