package dslab.drill.load;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

	private final SplittableRandom random = new SplittableRandom(42);

	@Test
	void drawsEachWaitFromZeroToACeilingThatDoublesUpToTheCap() {
		RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(10);
		List<Long> ceilingsMillis = List.of(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L);
		for (int attempt = 1; attempt <= ceilingsMillis.size(); attempt++) {
			Duration ceiling = Duration.ofMillis(ceilingsMillis.get(attempt - 1));
			List<Duration> waits = waits(policy, attempt, null);
			assertThat(waits).allSatisfy((wait) -> assertThat(wait).isBetween(Duration.ZERO, ceiling));
			assertThat(waits).as("full jitter spreads the waits over the whole range")
				.anySatisfy((wait) -> assertThat(wait).isLessThan(ceiling.dividedBy(10)))
				.anySatisfy((wait) -> assertThat(wait).isGreaterThan(ceiling.multipliedBy(9).dividedBy(10)));
		}
	}

	@Test
	void waitsAtLeastAsLongAsRetryAfterSays() {
		assertThat(waits(RetryPolicy.DEFAULT, 1, Duration.ofSeconds(1))).containsOnly(Duration.ofSeconds(1));
		assertThat(waits(RetryPolicy.DEFAULT.withMaxAttempts(10), 6, Duration.ofSeconds(1)))
			.allSatisfy((wait) -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2)))
			.anySatisfy((wait) -> assertThat(wait).isGreaterThan(Duration.ofSeconds(1)));
	}

	@Test
	void givesUpAfterTheLastAttempt() {
		assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(4);
		assertThat(RetryPolicy.DEFAULT.delayAfter(3, null, this.random)).isPresent();
		assertThat(RetryPolicy.DEFAULT.delayAfter(4, null, this.random)).isEmpty();
	}

	@Test
	void givesUpWhenTheServerAsksForALongerPauseThanADrillCanWait() {
		assertThat(RetryPolicy.DEFAULT.delayAfter(1, Duration.ofSeconds(10), this.random)).isPresent();
		assertThat(RetryPolicy.DEFAULT.delayAfter(1, Duration.ofSeconds(11), this.random)).isEmpty();
	}

	private List<Duration> waits(RetryPolicy policy, int attempt, Duration retryAfter) {
		return IntStream.range(0, 1000)
			.mapToObj((i) -> policy.delayAfter(attempt, retryAfter, this.random).orElseThrow())
			.toList();
	}

}
