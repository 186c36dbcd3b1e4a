package dslab.drill.partitions;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Lag and rate from two readings of a group's offsets. */
class PartitionSamplerMathTest {

	private static final TopicPartition P0 = new TopicPartition("order-events", 0);

	private static final TopicPartition P1 = new TopicPartition("order-events", 1);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void lagIsWhatWasWrittenAndNotCommitted() {
		Sample sample = PartitionSampler.compare(null, new Offsets(T0, Map.of(P0, 120L, P1, 40L),
				Map.of(P0, 100L, P1, 40L), Map.of(P0, "inventory-service-1-0")));

		assertThat(sample.rows()).extracting(PartitionRow::partition, PartitionRow::lag, PartitionRow::owner)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(0, 20L, "inventory-service-1-0"),
					org.assertj.core.groups.Tuple.tuple(1, 0L, "-"));
		assertThat(sample.totalLag()).isEqualTo(20);
		assertThat(sample.mostLagging().partition()).isZero();
	}

	@Test
	void aPartitionNeverCommittedLagsByEverythingWrittenToIt() {
		Sample sample = PartitionSampler.compare(null, new Offsets(T0, Map.of(P0, 7L), Map.of(), Map.of()));

		assertThat(sample.rows().get(0).committed()).isEqualTo(-1);
		assertThat(sample.rows().get(0).lag()).isEqualTo(7);
	}

	@Test
	void rateIsCommittedRecordsPerSecondSinceThePreviousSample() {
		Offsets before = new Offsets(T0, Map.of(P0, 100L, P1, 10L), Map.of(P0, 100L, P1, 10L), Map.of());
		Offsets after = new Offsets(T0.plusMillis(500), Map.of(P0, 130L, P1, 10L), Map.of(P0, 125L, P1, 10L), Map.of());

		Sample sample = PartitionSampler.compare(before, after);

		assertThat(sample.rows().get(0).rate()).isCloseTo(50.0, within(1e-9));
		assertThat(sample.rows().get(1).rate()).isZero();
		assertThat(sample.totalRate()).isCloseTo(50.0, within(1e-9));
	}

	@Test
	void theFirstSampleAndAnOffsetThatWentBackHaveNoRate() {
		Offsets first = new Offsets(T0, Map.of(P0, 100L), Map.of(P0, 90L), Map.of());
		Offsets reset = new Offsets(T0.plusSeconds(1), Map.of(P0, 100L), Map.of(P0, 50L), Map.of());

		assertThat(PartitionSampler.compare(null, first).rows().get(0).rate()).isZero();
		assertThat(PartitionSampler.compare(first, reset).rows().get(0).rate()).isZero();
	}

}
