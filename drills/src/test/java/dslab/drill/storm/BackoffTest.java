package dslab.drill.storm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The four schedules of "Exponential Backoff and Jitter", drawn with a seeded random:
 * their bounds and how their waits spread.
 */
class BackoffTest {

	private static final Duration BASE = Duration.ofMillis(100);

	private static final Duration CAP = Duration.ofSeconds(2);

	private static final List<Duration> EXPONENTIAL_CEILINGS = List.of(Duration.ofMillis(100), Duration.ofMillis(200),
			Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600), CAP, CAP, CAP);

	private final SplittableRandom random = new SplittableRandom(42);

	@Test
	void noBackoffRetriesAtOnce() {
		assertThat(waits(Backoff.NONE, 20)).containsOnly(Duration.ZERO);
	}

	@Test
	void exponentialDoublesFromTheBaseUpToTheCapWithoutJitter() {
		assertThat(waits(Backoff.EXPONENTIAL, EXPONENTIAL_CEILINGS.size())).isEqualTo(EXPONENTIAL_CEILINGS);
		assertThat(waits(Backoff.EXPONENTIAL, 5)).as("every client waits exactly the same")
			.isEqualTo(waits(Backoff.EXPONENTIAL, 5));
	}

	@Test
	void exponentialStaysAtTheCapHoweverManyRetries() {
		assertThat(Backoff.EXPONENTIAL.delay(BASE, CAP, 10_000, BASE, this.random)).isEqualTo(CAP);
		assertThat(Backoff.EXPONENTIAL.delay(Duration.ofNanos(1), Duration.ofDays(365), 63, BASE, this.random))
			.isEqualTo(Duration.ofDays(365));
		assertThat(Backoff.ceiling(1, Long.MAX_VALUE, 62)).isEqualTo(1L << 62);
		assertThat(Backoff.ceiling(1, Long.MAX_VALUE, 63)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void fullJitterNeverExceedsTheExponentialBoundAndSpreadsOverAllOfIt() {
		for (int attempt = 0; attempt < EXPONENTIAL_CEILINGS.size(); attempt++) {
			Duration ceiling = EXPONENTIAL_CEILINGS.get(attempt);
			List<Duration> draws = draws(Backoff.FULL_JITTER, attempt, BASE);
			assertThat(draws).allSatisfy((wait) -> assertThat(wait).isBetween(Duration.ZERO, ceiling))
				.anySatisfy((wait) -> assertThat(wait).isLessThan(ceiling.dividedBy(20)))
				.anySatisfy((wait) -> assertThat(wait).isGreaterThan(ceiling.multipliedBy(19).dividedBy(20)));
			assertThat(mean(draws)).as("uniform: the mean is half the ceiling")
				.isBetween(ceiling.multipliedBy(45).dividedBy(100), ceiling.multipliedBy(55).dividedBy(100));
		}
	}

	@Test
	void decorrelatedJitterDrawsFromTheBaseToThreeTimesThePreviousWait() {
		Duration previous = Duration.ofMillis(300);
		List<Duration> draws = draws(Backoff.DECORRELATED_JITTER, 3, previous);
		assertThat(draws).allSatisfy((wait) -> assertThat(wait).isBetween(BASE, Duration.ofMillis(900)))
			.anySatisfy((wait) -> assertThat(wait).isLessThan(Duration.ofMillis(140)))
			.anySatisfy((wait) -> assertThat(wait).isGreaterThan(Duration.ofMillis(860)));
		assertThat(mean(draws)).isBetween(Duration.ofMillis(470), Duration.ofMillis(530));
	}

	@Test
	void decorrelatedJitterStaysWithinBaseAndCapOverALongRun() {
		List<Duration> all = new ArrayList<>();
		for (int client = 0; client < 200; client++) {
			all.addAll(waits(Backoff.DECORRELATED_JITTER, 30));
		}
		assertThat(all).allSatisfy((wait) -> assertThat(wait).isBetween(BASE, CAP)).contains(CAP);
		assertThat(Backoff.DECORRELATED_JITTER.waits(BASE, CAP, this.random).next())
			.as("the first wait is drawn from [base, 3 base]")
			.isBetween(BASE, BASE.multipliedBy(3));
	}

	@Test
	void jitteredClientsWaitDifferentlyWhereExponentialClientsWaitAlike() {
		assertThat(IntStream.range(0, 10).mapToObj((client) -> waits(Backoff.FULL_JITTER, 4)).distinct()).hasSize(10);
		assertThat(IntStream.range(0, 10).mapToObj((client) -> waits(Backoff.DECORRELATED_JITTER, 4)).distinct())
			.hasSize(10);
		assertThat(IntStream.range(0, 10).mapToObj((client) -> waits(Backoff.EXPONENTIAL, 4)).distinct()).hasSize(1);
	}

	@Test
	void refusesABaseOfZeroOrACapBelowTheBase() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Backoff.FULL_JITTER.waits(Duration.ZERO, CAP, this.random));
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.EXPONENTIAL.waits(CAP, BASE, this.random));
	}

	private List<Duration> waits(Backoff backoff, int count) {
		Backoff.Waits waits = backoff.waits(BASE, CAP, this.random);
		return IntStream.range(0, count).mapToObj((i) -> waits.next()).toList();
	}

	private List<Duration> draws(Backoff backoff, int attempt, Duration previous) {
		return IntStream.range(0, 2000)
			.mapToObj((i) -> backoff.delay(BASE, CAP, attempt, previous, this.random))
			.toList();
	}

	private static Duration mean(List<Duration> draws) {
		return Duration.ofNanos((long) draws.stream().mapToLong(Duration::toNanos).average().orElseThrow());
	}

}
