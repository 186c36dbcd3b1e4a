package dslab.drill.storm;

import java.time.Duration;
import java.util.List;

import dslab.drill.storm.StormSummary.ProviderCounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** How a storm is summed up per strategy, tabled, and judged. */
class StormTableTest {

	@Test
	void sumsUpCallsAndTimesOfTheClients() {
		StormSummary summary = StormSummary.of(Backoff.FULL_JITTER,
				List.of(decided(3, 400), decided(5, 100), decided(1, 300), gaveUp(9, 900)),
				new ProviderCounts(17, 10, 4));

		assertThat(summary.clients()).isEqualTo(4);
		assertThat(summary.decided()).isEqualTo(3);
		assertThat(summary.gaveUp()).isEqualTo(1);
		assertThat(summary.clientCalls()).isEqualTo(18);
		assertThat(summary.callsAfterRecovery()).isEqualTo(3);
		assertThat(summary.callsPerClient()).isEqualTo(4.5);
		assertThat(summary.maxCallsPerClient()).isEqualTo(9);
		assertThat(summary.p50()).as("nearest rank: the 2nd of 4").isEqualTo(Duration.ofMillis(300));
		assertThat(summary.allDone()).isEqualTo(Duration.ofMillis(900));
		assertThat(summary.provider().calls()).isEqualTo(17);
	}

	@Test
	void countsWhatTheProviderCountedDuringTheStorm() {
		assertThat(new ProviderCounts(1_500, 700, 90).since(new ProviderCounts(500, 200, 40)))
			.isEqualTo(new ProviderCounts(1_000, 500, 50));
	}

	@Test
	void takesTheNearestRankAsMedian() {
		List<Duration> sorted = List.of(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3));
		assertThat(StormSummary.percentile(sorted, 50)).isEqualTo(Duration.ofMillis(2));
		assertThat(StormSummary.percentile(sorted, 100)).isEqualTo(Duration.ofMillis(3));
		assertThat(StormSummary.percentile(List.of(), 50)).isEqualTo(Duration.ZERO);
	}

	@Test
	void countsADeclineOrACaptureAsDecidedAndOnlyACaptureAsCaptured() {
		assertThat(decided(1, 10).decided()).isTrue();
		assertThat(new ClientOutcome(1, 0, 201, false, Duration.ZERO)).satisfies((outcome) -> {
			assertThat(outcome.decided()).isTrue();
			assertThat(outcome.captured()).isTrue();
		});
		assertThat(new ClientOutcome(1, 0, 422, false, Duration.ZERO).decided()).isFalse();
		assertThat(gaveUp(5, 10).decided()).isFalse();
		assertThat(ClientOutcome.retryable(503)).isTrue();
		assertThat(ClientOutcome.retryable(0)).isTrue();
		assertThat(ClientOutcome.retryable(402)).isFalse();
	}

	@Test
	void printsOneAlignedRowPerStrategy() {
		StormTable table = new StormTable(
				List.of(row(Backoff.NONE, 12_345, 0, 5_100), row(Backoff.EXPONENTIAL, 964, 0, 17_300),
						row(Backoff.FULL_JITTER, 812, 0, 7_100), row(Backoff.DECORRELATED_JITTER, 790, 0, 7_200)));

		List<String> lines = table.text().lines().toList();
		assertThat(lines).hasSize(5);
		assertThat(lines.get(0)).startsWith("strategy").contains("provider calls", "all done");
		assertThat(lines.get(1)).startsWith("no backoff")
			.contains("12345", "1234", "5.1 s".replace('.', decimalPoint()));
		assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
		assertThat(lines.get(3)).matches("full jitter +812 +812 +81 .*");
	}

	@Test
	void passesWhenEveryClientGotADecisionAndJitterMadeFewerCallsThanNoBackoff() {
		StormTable table = new StormTable(
				List.of(row(Backoff.NONE, 12_345, 0, 5_100), row(Backoff.EXPONENTIAL, 964, 0, 17_300),
						row(Backoff.FULL_JITTER, 812, 0, 7_100), row(Backoff.DECORRELATED_JITTER, 790, 0, 7_200)));

		assertThat(table.unfinished()).isEmpty();
		assertThat(table.captured()).isEmpty();
		assertThat(table.jitterSparesTheProvider()).isEmpty();
	}

	@Test
	void failsWhenAJitteredStrategyMadeAsManyCallsAsNoBackoff() {
		StormTable table = new StormTable(List.of(row(Backoff.NONE, 800, 0, 5_100),
				row(Backoff.FULL_JITTER, 812, 0, 7_100), row(Backoff.DECORRELATED_JITTER, 790, 0, 7_200)));

		assertThat(table.jitterSparesTheProvider()).singleElement()
			.isEqualTo("full jitter made 812 provider calls, no backoff 800");
	}

	@Test
	void failsWhenAStrategyDidNotRun() {
		StormTable table = new StormTable(List.of(row(Backoff.NONE, 800, 0, 5_100)));

		assertThat(table.jitterSparesTheProvider()).containsExactly("full jitter did not run",
				"decorrelated jitter did not run");
	}

	@Test
	void failsWhenClientsGaveUpOrAChargeWasCaptured() {
		StormSummary gaveUp = StormSummary.of(Backoff.NONE, List.of(decided(3, 100), gaveUp(2_000, 60_000)),
				new ProviderCounts(2_003, 1_990, 10));
		StormSummary captured = StormSummary.of(Backoff.EXPONENTIAL,
				List.of(new ClientOutcome(2, 1, 201, false, Duration.ofSeconds(6))), new ProviderCounts(2, 0, 1));
		StormTable table = new StormTable(List.of(gaveUp, captured));

		assertThat(table.unfinished())
			.containsExactly("no backoff: 1 of 2 clients never got the provider's decision (1 gave up)");
		assertThat(table.captured())
			.containsExactly("exponential, no jitter: 1 storm charges were captured, not declined");
	}

	@Test
	void comparesTheJitteredStrategiesWithPlainExponentialInCallsAndTime() {
		StormTable table = new StormTable(List.of(row(Backoff.EXPONENTIAL, 1000, 0, 20_000),
				row(Backoff.FULL_JITTER, 800, 0, 5_000), row(Backoff.DECORRELATED_JITTER, 1100, 0, 20_000)));

		assertThat(table.versusExponential()).containsExactly(entry(Backoff.FULL_JITTER,
				"20%% fewer calls (800 vs 1000), 20%% fewer after recovery (80 vs 100), 75%% sooner (all done %s vs %s)"
					.formatted(StormTable.seconds(Duration.ofSeconds(5)), StormTable.seconds(Duration.ofSeconds(20)))),
				entry(Backoff.DECORRELATED_JITTER,
						"10%% more calls (1100 vs 1000), 10%% more after recovery (110 vs 100), the same (all done %s vs %s)"
							.formatted(StormTable.seconds(Duration.ofSeconds(20)),
									StormTable.seconds(Duration.ofSeconds(20)))));
	}

	private static StormSummary row(Backoff backoff, long providerCalls, int gaveUp, long allDoneMillis) {
		return new StormSummary(backoff, 100, 100 - gaveUp, gaveUp, 0, providerCalls, providerCalls / 10,
				new ProviderCounts(providerCalls, providerCalls / 2, providerCalls / 4), 20,
				Duration.ofMillis(allDoneMillis / 2), Duration.ofMillis(allDoneMillis));
	}

	private static ClientOutcome decided(int calls, long millis) {
		return new ClientOutcome(calls, 1, 402, false, Duration.ofMillis(millis));
	}

	private static ClientOutcome gaveUp(int calls, long millis) {
		return new ClientOutcome(calls, 0, 503, true, Duration.ofMillis(millis));
	}

	private static char decimalPoint() {
		return "%.1f".formatted(1.5).charAt(1);
	}

}
