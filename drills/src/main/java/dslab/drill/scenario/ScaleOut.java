package dslab.drill.scenario;

import java.time.Duration;

import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;

/**
 * Under steady load (one- and two-SKU orders), adds two inventory-service instances, then
 * removes one. Each change moves partitions between consumers; the drill measures per
 * step the longest time a partition with records waiting made no progress, and the audit
 * proves that no reservation was lost or made twice.
 */
final class ScaleOut implements Drill {

	/** How long each step watches processing after the change is complete. */
	static final Duration SETTLE = Duration.ofSeconds(15);

	/** The longest pause a scaling step may cause. */
	static final Duration TARGET = Duration.ofSeconds(5);

	@Override
	public String name() {
		return "scale-out";
	}

	@Override
	public String lesson() {
		return "add two inventory-service instances under load, then remove one: partitions move, pause <= 5 s, nothing doubled";
	}

	@Override
	public String duration() {
		return "~2 min";
	}

	@Override
	public double defaultRate() {
		return RebalanceSteps.SUSTAINED_RATE;
	}

	@Override
	public void run(DrillContext context) {
		RebalanceSteps.underLoad(context, 1, (steps, load) -> {
			context.pause(SETTLE);
			steps.end("steady load, 1 instance", 1, null);
			context.scale(RebalanceSteps.SERVICE, 3);
			context.pause(SETTLE);
			steps.end("scale out 1 -> 3 (two join)", 3, TARGET);
			steps.printOwners();
			context.scale(RebalanceSteps.SERVICE, 2);
			context.pause(SETTLE);
			steps.end("scale in 3 -> 2 (one leaves)", 2, TARGET);
			steps.printOwners();
			context.narrator().step("stopping the load");
			load.stop();
			steps.report("each scaling step paused no partition with lag for more than " + TARGET.toSeconds() + " s");
		});
	}

}
