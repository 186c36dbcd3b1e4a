package dslab.drill.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import dslab.drill.audit.OrderServiceSnapshot;
import dslab.drill.load.HotSkuMix;
import dslab.drill.load.LoadResult;
import dslab.drill.partitions.PartitionRow;
import dslab.drill.partitions.PartitionSampler;
import dslab.drill.partitions.PartitionTable;
import dslab.drill.partitions.Sample;
import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;
import dslab.drill.run.DrillContext.RunningLoad;
import org.apache.kafka.common.utils.Utils;

/**
 * Most orders are for one SKU. Every movement of a SKU goes to one partition of
 * {@code stock-movements} and its one owner, so that partition's lag grows while the
 * others idle; more partitions or instances would not help, one key has one writer. Then
 * the same load with the mitigation: the owner handles a poll's movements in one
 * transaction, one commit per batch instead of one per movement. Both halves run in one
 * lab, switched at run time, under an injected commit cost.
 */
final class HotPartition implements Drill {

	static final String HOT_SKU = "SKU-1";

	static final double HOT_SHARE = 0.8;

	static final Duration LOAD = Duration.ofSeconds(20);

	static final double RATE = 25;

	/**
	 * Added to every inbox commit of inventory-service (knob {@code latency.commit}), as
	 * on a slow disk: H2 on a tmpfs-fast machine commits in well under a millisecond,
	 * which hides what a hot key's one-commit-per-event costs.
	 */
	static final Duration COMMIT_COST = Duration.ofMillis(30);

	static final String GROUP = "inventory-stock";

	static final String TOPIC = "stock-movements";

	static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

	static final Duration PRINT_EVERY = Duration.ofSeconds(5);

	static final Duration BOUND = Duration.ofSeconds(150);

	static final String BATCHING = "/admin/stock/movements/batching";

	@Override
	public String name() {
		return "hot-partition";
	}

	@Override
	public String lesson() {
		return "80% of orders for one SKU: lag piles up on its one partition; one commit per batch drains it";
	}

	@Override
	public String duration() {
		return "~1.5 min";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		boolean configured = batching(context);
		context.narrator()
			.step("every inbox commit of inventory-service costs %d ms more (fault knob latency.commit, a slow disk)",
					COMMIT_COST.toMillis());
		context.lab()
			.injectFaults("inventory-service",
					"{\"latency\":{\"commit\":{\"fixed\":\"" + COMMIT_COST.toMillis() + "ms\"}}}");
		context.narrator().watch("./drill watch --group %s --topic %s", GROUP, TOPIC);
		try (PartitionSampler sampler = new PartitionSampler(context.lab().kafkaBootstrap(), GROUP, List.of(TOPIC))) {
			Sample first = sampler.sample();
			int hot = partitionOf(HOT_SKU, first.rows().size());
			Phase perMovement = phase(context, sampler, hot, false);
			Phase perBatch = phase(context, sampler, hot, true);
			report(context, hot, perMovement, perBatch);
		}
		finally {
			context.lab().clearFaults("inventory-service");
			setBatching(context, configured);
		}
	}

	private Phase phase(DrillContext context, PartitionSampler sampler, int hot, boolean batching) {
		setBatching(context, batching);
		String label = batching ? "one commit per batch" : "one commit per movement";
		context.narrator()
			.step("%s: %.0f orders/s for %d s, %.0f%% of them for %s alone (its partition: %s-%d)", label, RATE,
					LOAD.toSeconds(), HOT_SHARE * 100, HOT_SKU, TOPIC, hot);
		Sample start = sampler.sample();
		Map<Integer, Long> peaks = new TreeMap<>();
		Instant began = Instant.now();
		RunningLoad load = context.startLoad(LOAD, RATE, HotSkuMix.of(HOT_SKU, HOT_SHARE));
		Instant printed = began;
		Sample latest = start;
		while (Instant.now().isBefore(began.plus(LOAD))) {
			context.pause(SAMPLE_EVERY);
			latest = track(sampler, peaks);
			if (!Instant.now().isBefore(printed.plus(PRINT_EVERY))) {
				context.narrator().out().print(PartitionTable.render(GROUP, latest));
				printed = Instant.now();
			}
		}
		LoadResult result = load.finish();
		Instant loadEnded = Instant.now();
		Duration drain = null;
		while (Duration.between(loadEnded, Instant.now()).compareTo(BOUND) < 0) {
			if (lagOf(latest, hot) == 0) {
				drain = latest.at().isAfter(loadEnded) ? Duration.between(loadEnded, latest.at()) : Duration.ZERO;
				break;
			}
			context.pause(SAMPLE_EVERY);
			latest = track(sampler, peaks);
			if (!Instant.now().isBefore(printed.plus(PRINT_EVERY))) {
				context.narrator().out().print(PartitionTable.render(GROUP, latest));
				printed = Instant.now();
			}
		}
		context.narrator().out().print(PartitionTable.render(GROUP, latest));
		Set<UUID> placed = new HashSet<>(result.acknowledgedOrderIds());
		context.awaitCondition("this half's orders to finish", BOUND,
				() -> finished(context, placed).size() == placed.size());
		Duration settle = Duration.between(loadEnded, Instant.now());
		List<Duration> endToEnd = finished(context, placed).stream()
			.map((order) -> Duration.between(order.createdAt(), order.updatedAt()))
			.sorted()
			.toList();
		Map<Integer, Long> records = new TreeMap<>();
		for (PartitionRow row : latest.rows()) {
			long before = start.rows()
				.stream()
				.filter((other) -> other.partition() == row.partition())
				.mapToLong((other) -> Math.max(0, other.committed()))
				.findFirst()
				.orElse(0);
			records.put(row.partition(), Math.max(0, row.committed()) - before);
		}
		Phase phase = new Phase(label, peaks, records, Duration.between(start.at(), latest.at()), drain, settle,
				percentile(endToEnd, 50), percentile(endToEnd, 99), placed.size());
		// The next half starts from a quiet lab: sales of the hot SKU trail the orders.
		context.awaitQuiet(BOUND);
		return phase;
	}

	private static Sample track(PartitionSampler sampler, Map<Integer, Long> peaks) {
		Sample sample = sampler.sample();
		sample.rows().forEach((row) -> peaks.merge(row.partition(), row.lag(), Math::max));
		return sample;
	}

	private static long lagOf(Sample sample, int partition) {
		return sample.rows().stream().filter((row) -> row.partition() == partition).mapToLong(PartitionRow::lag).sum();
	}

	private static List<OrderServiceSnapshot.Order> finished(DrillContext context, Set<UUID> placed) {
		return context.orders()
			.stream()
			.filter((order) -> placed.contains(order.orderId()) && order.status().isTerminal())
			.toList();
	}

	static Duration percentile(List<Duration> sorted, int percentile) {
		if (sorted.isEmpty()) {
			return Duration.ZERO;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	/** The partition Kafka's default partitioner picks for a key. */
	static int partitionOf(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	private void report(DrillContext context, int hot, Phase perMovement, Phase perBatch) {
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-5s %-8s | %-34s | %-34s%n", "PART", "",
				perMovement.label(), perBatch.label()));
		table.append(String.format(Locale.ROOT, "%-5s %-8s | %10s %10s %12s | %10s %10s %12s%n", "", "", "peak lag",
				"records", "rate(/s)", "peak lag", "records", "rate(/s)"));
		for (int partition : perMovement.peaks().keySet()) {
			table.append(String.format(Locale.ROOT, "%-5d %-8s | %10d %10d %12.1f | %10d %10d %12.1f%n", partition,
					(partition == hot) ? HOT_SKU : "", perMovement.peaks().get(partition),
					perMovement.records().getOrDefault(partition, 0L), perMovement.rate(partition),
					perBatch.peaks().getOrDefault(partition, 0L), perBatch.records().getOrDefault(partition, 0L),
					perBatch.rate(partition)));
		}
		context.narrator().out().print(table);
		context.finding("hot partition", "%s-%d (%s: %.0f%% of the orders)", TOPIC, hot, HOT_SKU, HOT_SHARE * 100);
		context.finding("hot partition's share of the movements", "%.0f%% / %.0f%%", 100 * perMovement.share(hot),
				100 * perBatch.share(hot));
		context.finding("hot partition's peak lag", "%d per movement, %d per batch (%s)", perMovement.peak(hot),
				perBatch.peak(hot), ratio(perMovement.peak(hot), perBatch.peak(hot)));
		context.finding("other partitions' peak lag", "%d / %d", perMovement.peakElsewhere(hot),
				perBatch.peakElsewhere(hot));
		context.finding("hot partition's drain after the load", "%s / %s", seconds(perMovement.drain()),
				seconds(perBatch.drain()));
		context.finding("orders' end-to-end p50 (placed to final)", "%s / %s", seconds(perMovement.p50()),
				seconds(perBatch.p50()));
		context.finding("orders' end-to-end p99 (placed to final)", "%s / %s (%s)", seconds(perMovement.p99()),
				seconds(perBatch.p99()), ratio(perMovement.p99().toMillis(), perBatch.p99().toMillis()));
		context.finding("orders settled after the load", "%s / %s (%d / %d orders)", seconds(perMovement.settle()),
				seconds(perBatch.settle()), perMovement.orders(), perBatch.orders());
		List<String> concentration = new ArrayList<>();
		if (perMovement.peak(hot) <= perMovement.peakElsewhere(hot)) {
			concentration.add("the hot partition's peak lag " + perMovement.peak(hot) + " is not above the others' "
					+ perMovement.peakElsewhere(hot));
		}
		context.check("lag concentrates on the hot SKU's partition (one commit per movement)", concentration);
		List<String> mitigated = new ArrayList<>();
		if (perBatch.peak(hot) >= perMovement.peak(hot)) {
			mitigated.add("peak lag " + perBatch.peak(hot) + " per batch, " + perMovement.peak(hot) + " per movement");
		}
		context.check("one commit per batch lowers the hot partition's peak lag", mitigated);
	}

	private static String ratio(long before, long after) {
		if (after <= 0) {
			return (before > 0) ? "down to 0" : "both 0";
		}
		return String.format(Locale.ROOT, "%.1fx", (double) before / after);
	}

	private static String seconds(Duration duration) {
		return (duration != null) ? String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0)
				: "not within " + BOUND.toSeconds() + " s";
	}

	private static boolean batching(DrillContext context) {
		return context.lab().adminGet("inventory-service", BATCHING).contains("\"enabled\":true");
	}

	private static void setBatching(DrillContext context, boolean enabled) {
		context.lab().adminPut("inventory-service", BATCHING, "{\"enabled\":" + enabled + "}");
	}

	/**
	 * One half of the drill.
	 *
	 * @param label how the owners committed
	 * @param peaks each partition's highest lag seen
	 * @param records each partition's records committed by the group in the half
	 * @param span from the first sample to the last
	 * @param drain from the load's end until the hot partition's lag was 0; null if never
	 * @param settle from the load's end until every order of the half was final
	 * @param p50 orders' median time from placed to final
	 * @param p99 the same, 99th percentile
	 * @param orders orders acknowledged
	 */
	record Phase(String label, Map<Integer, Long> peaks, Map<Integer, Long> records, Duration span, Duration drain,
			Duration settle, Duration p50, Duration p99, int orders) {

		long peak(int partition) {
			return this.peaks.getOrDefault(partition, 0L);
		}

		long peakElsewhere(int partition) {
			return this.peaks.entrySet()
				.stream()
				.filter((entry) -> entry.getKey() != partition)
				.mapToLong(Map.Entry::getValue)
				.max()
				.orElse(0);
		}

		double rate(int partition) {
			double seconds = this.span.toMillis() / 1000.0;
			return (seconds > 0) ? this.records.getOrDefault(partition, 0L) / seconds : 0;
		}

		double share(int partition) {
			long all = this.records.values().stream().mapToLong(Long::longValue).sum();
			return (all > 0) ? (double) this.records.getOrDefault(partition, 0L) / all : 0;
		}

	}

}
