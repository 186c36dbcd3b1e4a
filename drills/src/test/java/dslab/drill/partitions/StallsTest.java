package dslab.drill.partitions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The longest time a partition with lag made no progress. */
class StallsTest {

	private static final TopicPartition P0 = new TopicPartition("order-events", 0);

	private static final TopicPartition P1 = new TopicPartition("order-events", 1);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final Stalls stalls = new Stalls();

	@Test
	void aPartitionThatKeepsCommittingNeverStalls() {
		reading(0, 10, 9, 10, 10);
		reading(200, 12, 11, 10, 10);
		reading(400, 14, 13, 10, 10);

		assertThat(this.stalls.longest()).isZero();
	}

	@Test
	void measuresFromTheLastProgressToTheLastReadingWithoutIt() {
		reading(0, 10, 10, 10, 10);
		reading(200, 12, 10, 10, 10);
		reading(3200, 20, 10, 10, 10);
		reading(3400, 22, 22, 10, 10);
		reading(9000, 22, 22, 10, 10);

		assertThat(this.stalls.longest()).isEqualTo(Duration.ofMillis(3200));
		assertThat(this.stalls.longestPartition()).isEqualTo("order-events-0");
	}

	@Test
	void aPartitionWithoutLagIsNotStalledHoweverLongItIsQuiet() {
		reading(0, 10, 10, 5, 5);
		reading(10_000, 10, 10, 5, 5);

		assertThat(this.stalls.longest()).isZero();
	}

	@Test
	void aRestartMeasuresTheNextStepButKeepsAStallGoingOn() {
		reading(0, 10, 10, 10, 10);
		reading(2000, 10, 10, 15, 10);
		this.stalls.restart();
		assertThat(this.stalls.longest()).isZero();

		reading(2500, 10, 10, 15, 10);

		assertThat(this.stalls.longest()).isEqualTo(Duration.ofMillis(2500));
		assertThat(this.stalls.longestPartition()).isEqualTo("order-events-1");
	}

	private void reading(long millis, long end0, long committed0, long end1, long committed1) {
		this.stalls.record(new Offsets(T0.plusMillis(millis), Map.of(P0, end0, P1, end1),
				Map.of(P0, committed0, P1, committed1), Map.of()));
	}

}
