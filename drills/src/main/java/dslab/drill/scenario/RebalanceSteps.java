package dslab.drill.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dslab.drill.partitions.PartitionSampler;
import dslab.drill.partitions.PartitionTable;
import dslab.drill.partitions.StallMonitor;
import dslab.drill.run.DrillContext;

/**
 * The steps of a drill that changes inventory-service's instances, each with the longest
 * time a partition of any of its consumer groups with records waiting made no progress
 * (sampled every 150 ms through Kafka's AdminClient), and the table the drill prints at
 * the end.
 */
final class RebalanceSteps implements AutoCloseable {

	static final String SERVICE = "inventory-service";

	/**
	 * inventory-service's consumer groups: the saga's events, the stock movements of the
	 * SKUs an instance owns, and the join of their outcomes (InventoryFlow's names).
	 */
	static final List<String> GROUPS = List.of(SERVICE, "inventory-stock", "inventory-joiner");

	static final Duration SAMPLING = Duration.ofMillis(150);

	/**
	 * The rebalance drills' default load: what one inventory-service instance keeps up
	 * with on a 2-core machine (its lag stays near 0). Above that, lag grows without
	 * bound before any instance comes or goes, and the "pause" measured is overload, not
	 * the rebalance: at 20 orders/s the joiner's lag passed 150 per partition within a
	 * minute with one instance (docs/rebalancing.md).
	 */
	static final double SUSTAINED_RATE = 12;

	/** Longer than any drill's steps: each drill stops its load when its steps end. */
	static final Duration LOAD = Duration.ofMinutes(5);

	private final DrillContext context;

	private final List<StallMonitor> monitors;

	private final List<Row> rows = new ArrayList<>();

	RebalanceSteps(DrillContext context) {
		this.context = context;
		this.monitors = GROUPS.stream()
			.map((group) -> new StallMonitor(new PartitionSampler(context.lab().kafkaBootstrap(), group, List.of()),
					SAMPLING))
			.toList();
	}

	/**
	 * Runs a drill's steps under open-loop load with inventory-service scaled to
	 * {@code instances}; afterwards, whatever happened, restores the instances the lab
	 * had. The runner's quiet check then waits until every group with members has
	 * consumed everything written, so the audit never reads a reservation whose payment
	 * outcome is still moving with its partition.
	 */
	static void underLoad(DrillContext context, int instances, Steps body) {
		int before = Math.max(1, context.instances(SERVICE));
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		RebalanceSteps steps = new RebalanceSteps(context);
		try {
			context.scale(SERVICE, instances);
			context.narrator().watch("./drill watch --group inventory-service --interval 500ms");
			context.narrator().step("open-loop load: %.0f orders/s, one or two SKUs per order", context.rate());
			body.run(steps, context.startLoad(LOAD));
		}
		finally {
			try {
				context.scale(SERVICE, before);
			}
			finally {
				steps.close();
			}
		}
	}

	/** The monitor of the saga's group, whose owners show which instance holds what. */
	StallMonitor monitor() {
		return this.monitors.get(0);
	}

	/**
	 * Ends the current step: records its longest stall under {@code label} and begins the
	 * next.
	 */
	StallMonitor.Step end(String label, int instances, Duration target) {
		StallMonitor.Step step = this.monitors.stream()
			.map(StallMonitor::restart)
			.max(java.util.Comparator.comparing(StallMonitor.Step::longest))
			.orElseThrow();
		this.rows.add(new Row(label, instances, step, target));
		this.context.narrator()
			.note("%s: longest pause of a partition with lag %.1f s (%s)", label, step.seconds(), step.partition());
		return step;
	}

	/** Prints who owns which partition now, as {@code ./drill watch} does. */
	void printOwners() {
		for (int i = 0; i < GROUPS.size(); i++) {
			String group = GROUPS.get(i);
			this.monitors.get(i)
				.latest()
				.filter((offsets) -> !offsets.endOffsets().isEmpty())
				.ifPresent((offsets) -> this.context.narrator()
					.out()
					.print(PartitionTable.render(group, PartitionSampler.compare(null, offsets))));
		}
	}

	/** The steps as a table, and a check that each stayed within its target. */
	void report(String rule) {
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-34s %9s %14s %-18s %s%n", "STEP",
				"INSTANCES", "LONGEST PAUSE", "PARTITION", "TARGET"));
		List<String> violations = new ArrayList<>();
		for (Row row : this.rows) {
			table.append(String.format(Locale.ROOT, "%-34s %9d %12.1f s %-18s %s%n", row.label(), row.instances(),
					row.step().seconds(), row.step().partition(),
					(row.target() != null) ? "<= " + row.target().toSeconds() + " s" : "-"));
			this.context.finding("pause: " + row.label(), "%.1f s (%s)", row.step().seconds(), row.step().partition());
			if (row.target() != null && row.step().longest().compareTo(row.target()) > 0) {
				violations.add(String.format(Locale.ROOT, "%s: %.1f s without progress on %s (target %d s)",
						row.label(), row.step().seconds(), row.step().partition(), row.target().toSeconds()));
			}
		}
		int failed = this.monitors.stream().mapToInt(StallMonitor::failedReadings).sum();
		if (failed > 0) {
			table.append(failed).append(" readings of the offsets failed (gaps)\n");
		}
		this.context.narrator().out().print(table);
		this.context.check(rule, violations);
	}

	@Override
	public void close() {
		this.monitors.forEach(StallMonitor::close);
	}

	/** What a drill does while the load runs. */
	@FunctionalInterface
	interface Steps {

		void run(RebalanceSteps steps, DrillContext.RunningLoad load);

	}

	private record Row(String label, int instances, StallMonitor.Step step, Duration target) {
	}

}
