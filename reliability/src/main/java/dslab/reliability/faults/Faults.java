package dslab.reliability.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import dslab.reliability.faults.FaultProperties.Latency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Breaks a service on purpose, where its code calls a hook: latency, errors, rejections
 * and freezes in {@link #inject(Operation)}, crashes at {@link #crashPoint(CrashPoint)},
 * dropped replies in {@link #beforeReply(Operation)}. Every fault injected is counted
 * ({@code lab.faults.injected}, tagged {@code kind} and {@code operation}) and logged at
 * WARN. Without knobs set, every hook returns at once.
 */
public class Faults {

	/** The exit status of an injected crash: what a shell reports for a SIGKILL. */
	public static final int CRASH_STATUS = 137;

	private static final Logger logger = LoggerFactory.getLogger(Faults.class);

	private final RandomGenerator random;

	private final Halt halt;

	private final MeterRegistry meters;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private volatile Active active;

	/**
	 * Faults with the knobs of {@code lab.faults.*} active from the start.
	 * @param properties the knobs, validated
	 * @param random decides which calls an error or drop rate hits
	 * @param halt ends the process at an armed crash point
	 * @param meters where injected faults are counted
	 */
	public Faults(FaultProperties properties, RandomGenerator random, Halt halt, MeterRegistry meters) {
		this.random = random;
		this.halt = halt;
		this.meters = meters;
		this.active = Active.none(Objects.requireNonNull(properties.dropHold(), "dropHold"))
			.merge(properties, Instant.now());
		if (!this.active.isQuiet()) {
			logger.warn("Faults active from the start: {}", this.active.view(Instant.now()));
		}
	}

	/**
	 * The hook before an operation: blocks while a freeze lasts, adds the operation's
	 * latency, then fails it at its error rate, then refuses it at its reject rate.
	 * @throws InjectedFault if the error rate hit this call
	 * @throws InjectedRejection if the reject rate hit this call
	 */
	public void inject(Operation operation) {
		awaitThaw(operation);
		Active now = this.active;
		Latency latency = now.latency().get(operation.id());
		if (latency != null) {
			Duration delay = latency.draw(this.random);
			count("latency", operation.id());
			logger.warn("Injected latency of {} ms into {}", delay.toMillis(), operation);
			sleep(delay);
		}
		if (hits(now.errorRate().get(operation.id()))) {
			count("error", operation.id());
			logger.warn("Injected an error into {}", operation);
			throw new InjectedFault(operation, false);
		}
		if (hits(now.rejectRate().get(operation.id()))) {
			count("reject", operation.id());
			logger.warn("Injected a rejection into {}: the event goes to the dead-letter topic", operation);
			throw new InjectedRejection(operation);
		}
	}

	/** Halts the process here, at once, if this crash point is armed. */
	public void crashPoint(CrashPoint point) {
		if (!this.active.crashPoints().contains(point.id())) {
			return;
		}
		count("crash", point.id());
		logger.warn("Injected a crash at {}: halting the process now, as kill -9 would", point);
		this.halt.halt(CRASH_STATUS);
	}

	/**
	 * The hook after an operation's work is done and before its reply goes: at the
	 * operation's drop rate, holds the reply for the drop hold (past the caller's read
	 * timeout) and then fails it, so the caller sees a timeout for work that happened.
	 * @throws InjectedFault if the drop rate hit this call, once the hold is over
	 */
	public void beforeReply(Operation operation) {
		Active now = this.active;
		if (!hits(now.dropResponseRate().get(operation.id()))) {
			return;
		}
		count("drop", operation.id());
		logger.warn("Injected a dropped reply into {}: the work is done, holding the reply {} ms and then closing",
				operation, now.dropHold().toMillis());
		sleep(now.dropHold());
		throw new InjectedFault(operation, true);
	}

	/**
	 * The knobs now in effect, {@code freezeSeconds} being the seconds the freeze has
	 * left.
	 */
	public FaultProperties active() {
		return this.active.view(Instant.now());
	}

	/**
	 * Merges validated knobs into the active ones: a latency, rate or crash point given
	 * is set (a zero latency or rate removes one), a positive {@code freezeSeconds}
	 * freezes from now, a {@code dropHold} replaces the hold; what is not given stays.
	 */
	public void apply(FaultProperties change) {
		update((current) -> current.merge(change, Instant.now()));
		logger.warn("Fault knobs changed, now active: {}", active());
	}

	/** Removes every fault and ends a freeze at once; the drop hold stays. */
	public void clear() {
		update((current) -> Active.none(current.dropHold()));
		logger.warn("Fault knobs cleared");
	}

	private void update(UnaryOperator<Active> change) {
		this.lock.lock();
		try {
			this.active = change.apply(this.active);
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void awaitThaw(Operation operation) {
		if (!this.active.frozenAt(Instant.now())) {
			return;
		}
		count("freeze", operation.id());
		logger.warn("Injected a freeze into {}: blocked until {}", operation, this.active.frozenUntil());
		this.lock.lock();
		try {
			Instant until = this.active.frozenUntil();
			while (until != null && until.isAfter(Instant.now())) {
				this.changed.awaitNanos(Duration.between(Instant.now(), until).toNanos());
				until = this.active.frozenUntil();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean hits(Double rate) {
		return rate != null && rate > 0 && this.random.nextDouble() < rate;
	}

	private void count(String kind, String operation) {
		Counter.builder("lab.faults.injected")
			.description("Faults injected on purpose")
			.tags("kind", kind, "operation", operation)
			.register(this.meters)
			.increment();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The faults in effect; replaced as a whole, so a hook reads one consistent set. */
	private record Active(Map<String, Latency> latency, Map<String, Double> errorRate, Map<String, Double> rejectRate,
			Instant frozenUntil, Set<String> crashPoints, Map<String, Double> dropResponseRate, Duration dropHold) {

		static Active none(Duration dropHold) {
			return new Active(Map.of(), Map.of(), Map.of(), null, Set.of(), Map.of(), dropHold);
		}

		Active merge(FaultProperties change, Instant now) {
			Map<String, Latency> latency = new HashMap<>(this.latency);
			change.latency().forEach((operation, added) -> {
				if (added.addsNothing()) {
					latency.remove(operation);
				}
				else {
					latency.put(operation, added);
				}
			});
			Set<String> crashPoints = new TreeSet<>(this.crashPoints);
			crashPoints.addAll(change.crashPoints());
			return new Active(Map.copyOf(latency), mergeRates(this.errorRate, change.errorRate()),
					mergeRates(this.rejectRate, change.rejectRate()),
					(change.freezeSeconds() > 0) ? now.plusSeconds(change.freezeSeconds()) : this.frozenUntil,
					Set.copyOf(crashPoints), mergeRates(this.dropResponseRate, change.dropResponseRate()),
					(change.dropHold() != null) ? change.dropHold() : this.dropHold);
		}

		private static Map<String, Double> mergeRates(Map<String, Double> current, Map<String, Double> change) {
			Map<String, Double> rates = new HashMap<>(current);
			change.forEach((operation, rate) -> {
				if (rate > 0) {
					rates.put(operation, rate);
				}
				else {
					rates.remove(operation);
				}
			});
			return Map.copyOf(rates);
		}

		boolean frozenAt(Instant now) {
			return this.frozenUntil != null && this.frozenUntil.isAfter(now);
		}

		boolean isQuiet() {
			return this.latency.isEmpty() && this.errorRate.isEmpty() && this.rejectRate.isEmpty()
					&& this.frozenUntil == null && this.crashPoints.isEmpty() && this.dropResponseRate.isEmpty();
		}

		FaultProperties view(Instant now) {
			long freezeMillisLeft = frozenAt(now) ? Duration.between(now, this.frozenUntil).toMillis() : 0;
			return new FaultProperties(this.latency, this.errorRate, this.rejectRate,
					(int) ((freezeMillisLeft + 999) / 1000), this.crashPoints, this.dropResponseRate, this.dropHold);
		}

	}

}
