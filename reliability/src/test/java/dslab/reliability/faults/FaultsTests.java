package dslab.reliability.faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import dslab.reliability.faults.FaultProperties.Latency;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Each knob of {@link Faults}. A change is written as the JSON of
 * {@code POST /admin/faults} would be: {@code null} for what it leaves alone.
 */
class FaultsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<Integer> halts = new CopyOnWriteArrayList<>();

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Faults faults = new Faults(new FaultProperties(null, null, 0, null, null, Duration.ofSeconds(10)),
			new Random(42), this.halts::add, this.meters);

	@AfterEach
	void stopThreads() {
		this.faults.clear();
		this.threads.close();
	}

	@Test
	void injectsNothingWithoutKnobs() {
		assertThatNoException().isThrownBy(() -> {
			for (Operation operation : Operation.values()) {
				this.faults.inject(operation);
				this.faults.beforeReply(operation);
			}
			for (CrashPoint point : CrashPoint.values()) {
				this.faults.crashPoint(point);
			}
		});
		assertThat(this.halts).isEmpty();
		assertThat(this.meters.find("lab.faults.injected").counters()).isEmpty();
	}

	@Test
	void delaysAnOperationByAtLeastItsFixedLatency() {
		this.faults.apply(new FaultProperties(Map.of("consume", new Latency(Duration.ofMillis(120), null)), null, 0,
				null, null, null));

		long start = System.nanoTime();
		this.faults.inject(Operation.CONSUME);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
		assertThat(injected("latency", "consume")).isEqualTo(1);
	}

	@Test
	void drawsJitterUniformlyUpToItsBound() {
		Latency latency = new Latency(Duration.ofMillis(200), Duration.ofMillis(100));
		Random random = new Random(7);

		List<Duration> delays = IntStream.range(0, 1000).mapToObj((i) -> latency.draw(random)).toList();

		assertThat(delays)
			.allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofMillis(200), Duration.ofMillis(300)))
			.anySatisfy((delay) -> assertThat(delay).isLessThan(Duration.ofMillis(210)))
			.anySatisfy((delay) -> assertThat(delay).isGreaterThan(Duration.ofMillis(290)));
	}

	@Test
	void failsAboutTheConfiguredShareOfCalls() {
		this.faults.apply(new FaultProperties(null, Map.of("publish", 0.2), 0, null, null, null));
		int calls = 10_000;
		int failed = 0;

		for (int i = 0; i < calls; i++) {
			try {
				this.faults.inject(Operation.PUBLISH);
			}
			catch (InjectedFault fault) {
				failed++;
			}
		}

		assertThat(failed / (double) calls).isBetween(0.18, 0.22);
		assertThat(injected("error", "publish")).isEqualTo(failed);
	}

	@Test
	void failsOnlyTheOperationWithTheErrorRate() {
		this.faults.apply(new FaultProperties(null, Map.of("http", 1.0), 0, null, null, null));

		assertThatExceptionOfType(InjectedFault.class).isThrownBy(() -> this.faults.inject(Operation.HTTP))
			.withMessage("Injected fault: http failed on purpose")
			.satisfies((fault) -> assertThat(fault.replyDropped()).isFalse());
		assertThatNoException().isThrownBy(() -> this.faults.inject(Operation.CONSUME));
	}

	@Test
	void refusesAboutTheConfiguredShareOfConsumedEventsForGood() {
		this.faults.apply(new FaultProperties(null, null, Map.of("consume", 0.25), 0, null, null, null));
		int calls = 10_000;
		int refused = 0;

		for (int i = 0; i < calls; i++) {
			try {
				this.faults.inject(Operation.CONSUME);
			}
			catch (InjectedRejection rejection) {
				refused++;
				assertThat(rejection.operation()).isEqualTo(Operation.CONSUME);
			}
		}

		assertThat(refused / (double) calls).isBetween(0.23, 0.27);
		assertThat(injected("reject", "consume")).isEqualTo(refused);
		assertThat(injected("error", "consume")).isZero();
		assertThatNoException().isThrownBy(() -> this.faults.inject(Operation.PUBLISH));
	}

	@Test
	void aRejectionIsNoInjectedFaultSoNothingRetriesIt() {
		this.faults.apply(new FaultProperties(null, null, Map.of("consume", 1.0), 0, null, null, null));

		assertThatExceptionOfType(InjectedRejection.class).isThrownBy(() -> this.faults.inject(Operation.CONSUME))
			.isNotInstanceOf(InjectedFault.class)
			.withMessage("Injected rejection: consume refused the event on purpose");
	}

	@Test
	void freezeBlocksEveryHookedOperationUntilItEnds() {
		this.faults.apply(new FaultProperties(null, null, 1, null, null, null));
		long start = System.nanoTime();

		CompletableFuture<Void> consume = CompletableFuture.runAsync(() -> this.faults.inject(Operation.CONSUME),
				this.threads);
		CompletableFuture<Void> http = CompletableFuture.runAsync(() -> this.faults.inject(Operation.HTTP),
				this.threads);

		await().atMost(Duration.ofSeconds(5)).until(() -> consume.isDone() && http.isDone());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(injected("freeze", "consume")).isEqualTo(1);
		assertThat(injected("freeze", "http")).isEqualTo(1);
	}

	@Test
	void clearingEndsAFreezeAtOnce() {
		this.faults.apply(new FaultProperties(null, null, 60, null, null, null));
		CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> this.faults.inject(Operation.PUBLISH),
				this.threads);
		await().atMost(Duration.ofSeconds(5)).until(() -> injected("freeze", "publish") == 1);
		assertThat(blocked).isNotDone();

		this.faults.clear();

		await().atMost(Duration.ofSeconds(5)).until(blocked::isDone);
		assertThat(this.faults.active().freezeSeconds()).isZero();
	}

	@Test
	void showsTheSecondsAFreezeHasLeft() {
		this.faults.apply(new FaultProperties(null, null, 30, null, null, null));

		assertThat(this.faults.active().freezeSeconds()).isBetween(29, 30);
	}

	@Test
	void haltsOnlyAtAnArmedCrashPoint() {
		this.faults.crashPoint(CrashPoint.AFTER_EFFECT_BEFORE_OFFSET_COMMIT);
		assertThat(this.halts).isEmpty();

		this.faults.apply(new FaultProperties(null, null, 0, Set.of("after-effect-before-offset-commit"), null, null));
		this.faults.crashPoint(CrashPoint.AFTER_DB_COMMIT_BEFORE_PUBLISH);
		assertThat(this.halts).isEmpty();

		this.faults.crashPoint(CrashPoint.AFTER_EFFECT_BEFORE_OFFSET_COMMIT);
		assertThat(this.halts).containsExactly(Faults.CRASH_STATUS);
		assertThat(injected("crash", "after-effect-before-offset-commit")).isEqualTo(1);
	}

	@Test
	void holdsADroppedReplyThenFailsIt() {
		this.faults.apply(new FaultProperties(null, null, 0, null, Map.of("charge", 1.0), Duration.ofMillis(150)));
		long start = System.nanoTime();

		assertThatExceptionOfType(InjectedFault.class).isThrownBy(() -> this.faults.beforeReply(Operation.CHARGE))
			.satisfies((fault) -> assertThat(fault.replyDropped()).isTrue());

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		assertThat(injected("drop", "charge")).isEqualTo(1);
		assertThatNoException().isThrownBy(() -> this.faults.inject(Operation.CHARGE));
	}

	@Test
	void mergesChangesIntoWhatIsActive() {
		this.faults
			.apply(new FaultProperties(Map.of("consume", new Latency(Duration.ofMillis(200), Duration.ofMillis(100))),
					Map.of("http", 0.5), 0, Set.of("after-charge-before-record"), null, null));

		this.faults.apply(new FaultProperties(null, Map.of("http", 0.0, "publish", 0.1), Map.of("consume", 0.3), 0,
				Set.of("after-charge-before-reply"), null, null));
		this.faults.apply(new FaultProperties(null, null, 0, null, null, null));

		FaultProperties active = this.faults.active();
		assertThat(active.rejectRate()).isEqualTo(Map.of("consume", 0.3));
		assertThat(active.latency())
			.isEqualTo(Map.of("consume", new Latency(Duration.ofMillis(200), Duration.ofMillis(100))));
		assertThat(active.errorRate()).isEqualTo(Map.of("publish", 0.1));
		assertThat(active.crashPoints()).containsExactly("after-charge-before-record", "after-charge-before-reply");
		assertThat(active.dropHold()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void clearingRemovesEveryFaultButKeepsTheDropHold() {
		this.faults.apply(new FaultProperties(Map.of("publish", new Latency(Duration.ofMillis(1), null)),
				Map.of("http", 1.0), Map.of("consume", 1.0), 0, Set.of("after-db-commit-before-publish"),
				Map.of("charge", 1.0), Duration.ofSeconds(7)));

		this.faults.clear();

		assertThat(this.faults.active())
			.isEqualTo(new FaultProperties(null, null, 0, null, null, Duration.ofSeconds(7)));
		assertThatNoException().isThrownBy(() -> this.faults.inject(Operation.HTTP));
		assertThatNoException().isThrownBy(() -> this.faults.inject(Operation.CONSUME));
		this.faults.crashPoint(CrashPoint.AFTER_DB_COMMIT_BEFORE_PUBLISH);
		assertThat(this.halts).isEmpty();
	}

	@Test
	void namesEveryOperationAndCrashPointInItsPattern() {
		assertThat(Operation.NAMES.split("\\|"))
			.containsExactly(Arrays.stream(Operation.values()).map(Operation::id).toArray(String[]::new));
		assertThat(CrashPoint.NAMES.split("\\|"))
			.containsExactly(Arrays.stream(CrashPoint.values()).map(CrashPoint::id).toArray(String[]::new));
	}

	private double injected(String kind, String operation) {
		return this.meters.counter("lab.faults.injected", "kind", kind, "operation", operation).count();
	}

}
