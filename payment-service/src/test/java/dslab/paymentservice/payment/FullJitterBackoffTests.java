package dslab.paymentservice.payment;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import io.github.resilience4j.core.functions.Either;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FullJitterBackoffTests {

	private final FullJitterBackoff backoff = new FullJitterBackoff(Duration.ofMillis(100), Duration.ofSeconds(1),
			new Random(42));

	@Test
	void doublesTheCeilingUpToTheCap() {
		assertThat(IntStream.rangeClosed(1, 6).mapToLong(this.backoff::ceiling).toArray()).containsExactly(100, 200,
				400, 800, 1000, 1000);
	}

	@Test
	void drawsEveryPauseBetweenZeroAndTheCeiling() {
		for (int retry = 1; retry <= 6; retry++) {
			long ceiling = this.backoff.ceiling(retry);
			for (int i = 0; i < 1000; i++) {
				assertThat(pause(retry)).isBetween(0L, ceiling);
			}
		}
	}

	@Test
	void spreadsPausesOverTheWholeRange() {
		long[] pauses = IntStream.range(0, 10_000).mapToLong((i) -> pause(4)).toArray();

		assertThat(Arrays.stream(pauses).min().orElseThrow()).isLessThan(80);
		assertThat(Arrays.stream(pauses).max().orElseThrow()).isGreaterThan(720);
		assertThat(Arrays.stream(pauses).average().orElseThrow()).isBetween(380.0, 420.0);
	}

	@Test
	void waitsAtLeastAsLongAsTheProviderAsked() {
		ProviderUnavailableException throttled = ProviderUnavailableException.refused("429", Duration.ofMillis(1500));

		for (int i = 0; i < 100; i++) {
			assertThat(this.backoff.apply(1, Either.left(throttled))).isGreaterThanOrEqualTo(1500L);
		}
	}

	private long pause(int retry) {
		return this.backoff.apply(retry, Either.left(ProviderUnavailableException.refused("503", null)));
	}

}
