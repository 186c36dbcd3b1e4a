package dslab.gateway.shedding;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The gateway's overload figures: the limit in force, requests in flight, admissions and
 * rejections by priority (and reason), and how long a rejection takes to answer.
 */
@Component
class SheddingMetrics {

	enum Reason {

		/** Refused by the concurrency limit: 503. */
		LIMIT,

		/** Refused by the client's rate limit: 429. */
		RATE;

		String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Map<Priority, Counter> admitted = new EnumMap<>(Priority.class);

	private final Map<Reason, Map<Priority, Counter>> rejected = new EnumMap<>(Reason.class);

	private final Map<Reason, Timer> rejectionLatency = new EnumMap<>(Reason.class);

	SheddingMetrics(MeterRegistry registry, AdmissionControl admission, ClientRateLimits clients) {
		Gauge.builder("lab.gateway.concurrency.limit", admission, AdmissionControl::limit)
			.description("The concurrency limit in force (0 when shedding is off)")
			.register(registry);
		Gauge.builder("lab.gateway.in.flight", this.inFlight, AtomicInteger::get)
			.description("Requests the gateway has forwarded and not yet answered")
			.register(registry);
		for (Mode mode : Mode.values()) {
			Gauge
				.builder("lab.gateway.shedding.mode", admission,
						(control) -> (control.settings().mode() == mode) ? 1 : 0)
				.description("1 for the shedding mode in force")
				.tag("mode", mode.label())
				.register(registry);
		}
		Gauge.builder("lab.gateway.rate.limited.clients", clients, ClientRateLimits::clients)
			.description("Clients whose rate limiter the gateway currently keeps")
			.register(registry);
		for (Priority priority : Priority.values()) {
			this.admitted.put(priority,
					Counter.builder("lab.gateway.admitted")
						.description("Requests admitted past the rate and concurrency limits")
						.tag("priority", priority.label())
						.register(registry));
		}
		for (Reason reason : Reason.values()) {
			Map<Priority, Counter> byPriority = new EnumMap<>(Priority.class);
			for (Priority priority : Priority.values()) {
				byPriority.put(priority,
						Counter.builder("lab.gateway.rejections")
							.description("Requests refused without reaching a backend")
							.tag("reason", reason.label())
							.tag("priority", priority.label())
							.register(registry));
			}
			this.rejected.put(reason, byPriority);
			this.rejectionLatency.put(reason,
					Timer.builder("lab.gateway.rejection.latency")
						.description("From a refused request's arrival to its answer being written")
						.tag("reason", reason.label())
						.publishPercentiles(0.5, 0.99)
						.serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5))
						.register(registry));
		}
	}

	void admitted(Priority priority) {
		this.admitted.get(priority).increment();
	}

	void started() {
		this.inFlight.incrementAndGet();
	}

	void finished() {
		this.inFlight.decrementAndGet();
	}

	void rejected(Reason reason, Priority priority, long startNanos) {
		this.rejected.get(reason).get(priority).increment();
		this.rejectionLatency.get(reason).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

}
