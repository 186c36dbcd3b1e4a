package dslab.drill.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;

/**
 * SIGKILLs order-service, then payment-service, then inventory-service under load,
 * restarting each after a few seconds. What was committed survives in each service's
 * database, what was not is retried: the outbox publishes what a dead process committed,
 * consumers resume from their last committed offset and the inbox drops what they had
 * already applied, clients retry with the same Idempotency-Key.
 */
final class ServiceCrash implements Drill {

	static final List<String> VICTIMS = List.of("order-service", "payment-service", "inventory-service");

	static final Duration DOWN = Duration.ofSeconds(3);

	static final Duration BETWEEN = Duration.ofSeconds(4);

	@Override
	public String name() {
		return "service-crash";
	}

	@Override
	public String lesson() {
		return "SIGKILL each service under load and restart it: nothing lost, nothing doubled, recovery timed";
	}

	@Override
	public String duration() {
		return "~1.5 min";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		context.narrator().step("open-loop load: %.0f orders/s until every service has been killed", context.rate());
		DrillContext.RunningLoad load = context.startLoad(Duration.ofMinutes(5));
		for (String victim : VICTIMS) {
			context.pause(BETWEEN);
			Instant killed = context.kill(victim);
			context.narrator().watch(watching(victim));
			context.pause(DOWN);
			context.start(victim);
			context.measureRecovery("kill -9 " + victim, killed, Duration.ofSeconds(60));
		}
		context.pause(BETWEEN);
		context.narrator().step("stopping the load");
		load.stop();
	}

	private static String watching(String victim) {
		return switch (victim) {
			case "order-service" ->
				"the gateway answers 503 for POST /api/orders; the load generator retries with the same Idempotency-Key";
			case "payment-service" ->
				"orders stop at RESERVED: curl -s localhost:8080/api/orders?customerId=c-1 | grep -o RESERVED | wc -l";
			default -> "orders stay PENDING; order-events pile up for inventory's consumer group until it is back";
		};
	}

}
