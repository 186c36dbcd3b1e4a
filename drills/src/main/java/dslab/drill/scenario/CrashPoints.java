package dslab.drill.scenario;

import java.time.Duration;
import java.util.List;

import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;

/**
 * Arms each named crash point once under load: the process halts exactly between two
 * steps whose atomicity the design relies on (a key's lock and its work, a commit and its
 * reply, a commit and a publish, an effect and its offset commit, a charge and its
 * record, a charge and its reply), then comes back.
 */
final class CrashPoints implements Drill {

	/** Where each crash point lives, and what its crash tests. */
	record Point(String service, String name, String teaches) {
	}

	static final List<Point> POINTS = List.of(
			new Point("order-service", "after-key-lock-before-work",
					"the client's retry finds its Idempotency-Key locked by a dead request, takes it over after the"
							+ " lock timeout and places the order once"),
			new Point("order-service", "after-work-commit-before-reply",
					"the order and its key committed, the answer lost: the client's retry gets the order replayed"),
			new Point("order-service", "after-db-commit-before-publish",
					"the outbox relay publishes what was committed before the crash"),
			new Point("inventory-service", "after-effect-before-offset-commit",
					"the redelivered event finds its id in the inbox and changes nothing"),
			new Point("payment-service", "after-charge-before-record",
					"the retry charges again with the same Idempotency-Key; the provider replays, no second charge"),
			new Point("payment-provider", "after-charge-before-reply",
					"payment-service never got the answer; its retry gets the stored charge back"));

	@Override
	public String name() {
		return "crash-points";
	}

	@Override
	public String lesson() {
		return "halt a process between commit and publish, effect and offset, charge and reply: nothing doubled";
	}

	@Override
	public String duration() {
		return "~2 min";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		context.narrator().step("open-loop load: %.0f orders/s until every crash point has fired", context.rate());
		DrillContext.RunningLoad load = context.startLoad(Duration.ofMinutes(6));
		for (Point point : POINTS) {
			context.pause(Duration.ofSeconds(3));
			context.narrator().step("arming crash point %s in %s", point.name(), point.service());
			context.narrator().watch(point.teaches());
			context.crashAndRestart(point.service(), point.name(), point.name(), Duration.ofSeconds(60));
		}
		context.pause(Duration.ofSeconds(3));
		context.narrator().step("stopping the load");
		load.stop();
	}

}
