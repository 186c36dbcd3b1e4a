package dslab.drill.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;

/**
 * SIGKILLs one of two inventory-service instances under load. A killed consumer sends no
 * goodbye: its partitions stay assigned to it until the group coordinator misses its
 * heartbeats for the session timeout, then move to the survivor, which resumes from the
 * last committed offsets; the inbox drops what the dead instance had applied but not
 * committed. The drill kills instance 2, not instance 1, so that what it measures is the
 * consumer group alone: instance 1 also serves the H2 database to the others (and the
 * gateway's HTTP), which service-crash already kills.
 */
final class ConsumerCrash implements Drill {

	static final String VICTIM = "inventory-service-2";

	/** Processing must resume within this of the SIGKILL. */
	static final Duration TARGET = Duration.ofSeconds(15);

	static final Duration STEADY = Duration.ofSeconds(10);

	@Override
	public String name() {
		return "consumer-crash";
	}

	@Override
	public String lesson() {
		return "SIGKILL one of two inventory-service instances under load: its partitions move, processing resumes <= 15 s";
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
		RebalanceSteps.underLoad(context, 2, (steps, load) -> {
			context.pause(STEADY);
			steps.end("steady load, 2 instances", 2, null);
			steps.printOwners();
			Instant killed = context.kill(VICTIM);
			context.narrator()
				.watch("the partitions of %s keep their owner and their lag grows until its session times out", VICTIM);
			boolean moved = context.awaitCondition("the partitions of " + VICTIM + " to move", Duration.ofSeconds(60),
					() -> steps.monitor()
						.latest()
						.filter((offsets) -> offsets.at().isAfter(killed))
						.map((offsets) -> offsets.owners().values().stream().noneMatch(ConsumerCrash::victims))
						.orElse(false));
			double movedAfter = Duration.between(killed, Instant.now()).toMillis() / 1000.0;
			if (moved) {
				context.finding("partitions moved to the survivor", "%.1f s after the SIGKILL", movedAfter);
			}
			context.pause(STEADY);
			steps.end("SIGKILL " + VICTIM, 1, TARGET);
			steps.printOwners();
			context.narrator().step("starting %s again", VICTIM);
			context.scale(RebalanceSteps.SERVICE, 2);
			context.pause(STEADY);
			steps.end(VICTIM + " back", 2, null);
			context.narrator().step("stopping the load");
			load.stop();
			steps.report("processing resumed within " + TARGET.toSeconds() + " s of the SIGKILL");
			context.check("the dead instance's partitions moved to the survivor",
					moved ? List.of() : List.of("still owned by " + VICTIM + " 60 s after the SIGKILL"));
		});
	}

	private static boolean victims(String owner) {
		return owner.startsWith(VICTIM + "-");
	}

}
