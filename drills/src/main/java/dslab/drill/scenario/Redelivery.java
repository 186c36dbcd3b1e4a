package dslab.drill.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;

/**
 * Each consumer halts after its effect committed and before its offset did, again and
 * again: Kafka redelivers, and the inbox drops what was already applied.
 */
final class Redelivery implements Drill {

	static final int ROUNDS = 2;

	static final String CRASH_POINT = "after-effect-before-offset-commit";

	/**
	 * From the halt until a new order completes: the restart, the group rejoin, and the
	 * backlog that queued while the consumer was down, all under load.
	 */
	static final Duration RECOVERY_BOUND = Duration.ofSeconds(90);

	static final List<String> ORDER = List.of("inventory-service", "payment-service", "order-service");

	/**
	 * Duplicates dropped by every consumer of a service, keyed {@code service/consumer}.
	 */
	private static long ofService(Map<String, Long> duplicates, String service) {
		return duplicates.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(service + "/"))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	@Override
	public String name() {
		return "redelivery";
	}

	@Override
	public String lesson() {
		return "consumers die after their effect, before the offset commit, again and again: no effect twice";
	}

	@Override
	public String duration() {
		return "~3 min";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		Map<String, Long> before = context.audit().figures().consumerDuplicates();
		context.narrator()
			.step("open-loop load: %.0f orders/s; %d rounds of halting each consumer at %s", context.rate(), ROUNDS,
					CRASH_POINT);
		context.narrator().watch("./cluster logs inventory-service | grep 'Dropped duplicate'");
		DrillContext.RunningLoad load = context.startLoad(Duration.ofMinutes(8));
		int crashes = 0;
		for (int round = 1; round <= ROUNDS; round++) {
			for (String service : ORDER) {
				context.pause(Duration.ofSeconds(3));
				String label = "round " + round + ": " + service;
				context.narrator().step("%s: arming %s", label, CRASH_POINT);
				if (context.crashAndRestart(service, CRASH_POINT, label, RECOVERY_BOUND)) {
					crashes++;
				}
			}
		}
		context.narrator().step("stopping the load");
		load.stop();
		context.awaitQuiet(Duration.ofSeconds(90));
		Map<String, Long> after = context.audit().figures().consumerDuplicates();
		List<String> silent = new ArrayList<>();
		context.finding("consumer halts after the effect", "%d", crashes);
		for (String service : ORDER) {
			long dropped = ofService(after, service) - ofService(before, service);
			context.finding("redeliveries dropped by " + service, "%d", dropped);
			if (dropped < 1) {
				silent.add(service + " dropped no redelivered event after its halts: was the redelivery exercised?");
			}
		}
		context.check("each halted consumer was redelivered what it had applied, and dropped it", silent);
	}

}
