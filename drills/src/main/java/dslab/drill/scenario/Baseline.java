package dslab.drill.scenario;

import java.time.Duration;

import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;

/** Load and no fault: the yardstick every other drill is read against. */
final class Baseline implements Drill {

	static final Duration LOAD = Duration.ofSeconds(20);

	@Override
	public String name() {
		return "baseline";
	}

	@Override
	public String lesson() {
		return "steady load, no fault: every invariant holds and this is what normal latency looks like";
	}

	@Override
	public String duration() {
		return "~40 s";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		context.narrator()
			.step("open-loop load: %.0f orders/s for %d s through the gateway", context.rate(), LOAD.toSeconds());
		context.narrator().watch("./cluster logs order-service   (each line carries order=<id>)");
		context.narrator().watch("curl -s localhost:8083/actuator/prometheus | grep lab_inbox_events_total");
		context.startLoad(LOAD).finish();
	}

}
