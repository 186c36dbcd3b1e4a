package dslab.gateway.shedding;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.Limiter.Listener;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.SettableLimit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;

import org.springframework.stereotype.Component;

/**
 * The gateway's concurrency limit: admits a request or refuses it at once, never queues
 * it. One Netflix partitioned limiter per mode, swapped whole when the mode changes.
 */
@Component
class AdmissionControl {

	private static final Listener UNLIMITED = new Listener() {

		@Override
		public void onSuccess() {
		}

		@Override
		public void onIgnore() {
		}

		@Override
		public void onDropped() {
		}

	};

	private final SheddingProperties properties;

	private final AtomicReference<Active> active;

	AdmissionControl(SheddingProperties properties) {
		this.properties = properties;
		this.active = new AtomicReference<>(build(properties.mode(), properties.staticLimit()));
	}

	/**
	 * A listener to tell how the admitted request ended, or empty when the request is
	 * refused.
	 */
	Optional<Listener> acquire(Priority priority) {
		Active current = this.active.get();
		return (current.limiter() != null) ? current.limiter().acquire(priority) : Optional.of(UNLIMITED);
	}

	/**
	 * Switches mode and static limit; requests in flight finish under the old limiter.
	 */
	synchronized Settings change(Mode mode, int staticLimit) {
		if (staticLimit < 1 || staticLimit > 100_000) {
			throw new IllegalArgumentException("staticLimit must be between 1 and 100000; was " + staticLimit);
		}
		Active current = this.active.get();
		if (current.mode() == mode && mode == Mode.STATIC) {
			current.settable().setLimit(staticLimit);
			this.active.set(new Active(mode, staticLimit, current.limiter(), current.settable()));
		}
		else if (current.mode() != mode || current.staticLimit() != staticLimit) {
			this.active.set(build(mode, staticLimit));
		}
		return settings();
	}

	Settings settings() {
		Active current = this.active.get();
		return new Settings(current.mode(), current.staticLimit(), limit());
	}

	/** The limit in force; {@code 0} when there is none. */
	int limit() {
		Active current = this.active.get();
		return (current.limiter() != null) ? current.limiter().getLimit() : 0;
	}

	private Active build(Mode mode, int staticLimit) {
		return switch (mode) {
			case OFF -> new Active(mode, staticLimit, null, null);
			case STATIC -> {
				SettableLimit limit = SettableLimit.startingAt(staticLimit);
				yield new Active(mode, staticLimit, partitioned(limit), limit);
			}
			case ADAPTIVE -> {
				SheddingProperties.Adaptive adaptive = this.properties.adaptive();
				Gradient2Limit limit = Gradient2Limit.newBuilder()
					.initialLimit(adaptive.initialLimit())
					.minLimit(adaptive.minLimit())
					.maxConcurrency(adaptive.maxLimit())
					.queueSize(adaptive.queueSize())
					.rttTolerance(adaptive.rttTolerance())
					.longWindow(adaptive.longWindow())
					.build();
				yield new Active(mode, staticLimit, partitioned(
						new DropAwareLimit(limit, adaptive.minLimit(), adaptive.maxLimit(), adaptive.dropBackoff())),
						null);
			}
		};
	}

	private AbstractLimiter<Priority> partitioned(Limit limit) {
		SheddingProperties.Shares shares = this.properties.shares();
		Limiter<Priority> limiter = new PartitionedBuilder().named("gateway")
			.limit(limit)
			.partitionResolver(Priority::label)
			.partition(Priority.CRITICAL.label(), shares.critical())
			.partition(Priority.NORMAL.label(), shares.normal())
			.partition(Priority.BATCH.label(), shares.batch())
			.build();
		return (AbstractLimiter<Priority>) limiter;
	}

	/** What is in force, as the control port shows it. */
	record Settings(Mode mode, int staticLimit, int limit) {
	}

	private record Active(Mode mode, int staticLimit, AbstractLimiter<Priority> limiter, SettableLimit settable) {
	}

	// The library's partitioned limiter has only this abstract builder.
	private static final class PartitionedBuilder
			extends AbstractPartitionedLimiter.Builder<PartitionedBuilder, Priority> {

		@Override
		protected PartitionedBuilder self() {
			return this;
		}

	}

}
