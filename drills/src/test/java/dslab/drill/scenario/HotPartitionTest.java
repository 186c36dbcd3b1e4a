package dslab.drill.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HotPartitionTest {

	@Test
	void findsEachLoadSkusPartitionAsKafkasDefaultPartitionerDoes() {
		// As listed in inventory-service's application.properties: one partition each.
		assertThat(Drills.LOAD_SKUS.stream().map((sku) -> HotPartition.partitionOf(sku, 6)).toList()).containsExactly(2,
				0, 1, 5, 3, 4);
	}

	@Test
	void takesTheNearestRankPercentile() {
		List<Duration> sorted = IntStream.rangeClosed(1, 200).mapToObj(Duration::ofMillis).toList();

		assertThat(HotPartition.percentile(sorted, 50)).isEqualTo(Duration.ofMillis(100));
		assertThat(HotPartition.percentile(sorted, 99)).isEqualTo(Duration.ofMillis(198));
		assertThat(HotPartition.percentile(List.of(), 99)).isZero();
	}

	@Test
	void measuresTheHotPartitionAgainstTheOthers() {
		HotPartition.Phase phase = new HotPartition.Phase("one commit per movement", Map.of(0, 3L, 2, 400L, 5, 7L),
				Map.of(0, 30L, 2, 900L, 5, 70L), Duration.ofSeconds(10), Duration.ofSeconds(12), Duration.ofSeconds(15),
				Duration.ofSeconds(1), Duration.ofSeconds(9), 500);

		assertThat(phase.peak(2)).isEqualTo(400);
		assertThat(phase.peakElsewhere(2)).isEqualTo(7);
		assertThat(phase.share(2)).isEqualTo(0.9);
		assertThat(phase.rate(2)).isEqualTo(90.0);
	}

}
