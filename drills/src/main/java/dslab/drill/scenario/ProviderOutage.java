package dslab.drill.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;
import dslab.drill.run.DrillContext.RunningLoad;

/**
 * The provider is down for 20 s under load. payment-service's circuit breaker opens after
 * a handful of failed calls; from then on its consumers wait, partitions paused, instead
 * of calling a provider that cannot answer or piling up calls. When the provider is back
 * the breaker lets trial calls through, closes, and the orders that queued up are
 * charged: none lost, none given up, none charged twice.
 */
final class ProviderOutage implements Drill {

	static final Duration OUTAGE = Duration.ofSeconds(20);

	static final Duration LOAD = Duration.ofSeconds(45);

	static final double RATE = 5;

	/**
	 * At most one call per consumer of payment-service may wait on the provider: its main
	 * consumer's three and the retry topics' one each.
	 */
	static final int MAX_IN_FLIGHT = 6;

	static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

	@Override
	public String name() {
		return "provider-outage";
	}

	@Override
	public String lesson() {
		return "the provider is down for 20 s: the circuit breaker fails fast, nothing piles up, orders complete after";
	}

	@Override
	public String duration() {
		return "~2 min";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		PaymentFigures before = PaymentFigures.read(context);
		context.narrator().step("open-loop load: %.0f orders/s for %d s", RATE, LOAD.toSeconds());
		context.narrator()
			.watch("curl -s localhost:8082/actuator/prometheus | grep -E 'resilience4j_circuitbreaker_state|lab_payment_provider_in_flight'");
		RunningLoad load = context.startLoad(LOAD, RATE);
		context.pause(Duration.ofSeconds(8));
		PaymentFigures atOutage = PaymentFigures.read(context);
		Instant down = context.kill("payment-provider");
		Outage outage = watch(context, down);
		context.start("payment-provider");
		Instant up = Instant.now();
		PaymentFigures duringOutage = PaymentFigures.read(context).since(atOutage);
		List<UUID> placed = load.finish().acknowledgedOrderIds();
		context.narrator().step("provider back; the breaker half-opens, trial calls succeed, the backlog drains");
		boolean quiet = context.awaitQuiet(Duration.ofMinutes(3));
		double drain = Duration.between(up, Instant.now()).toMillis() / 1000.0;
		PaymentFigures figures = PaymentFigures.read(context).since(before);
		PaymentFigures.Outcomes outcomes = PaymentFigures.Outcomes.of(context, placed);

		context.finding("provider down", "%.1f s (killed, then started and ready)",
				Duration.between(down, up).toMillis() / 1000.0);
		context.finding("breaker opened", (outage.openedAfter() != null)
				? "%.1f s after the provider went down".formatted(outage.openedAfter().toMillis() / 1000.0) : "never");
		context.finding("calls while it was down",
				"%.0f tried (refused connections: before the breaker opened, and its trial calls), %.0f failed fast by the open breaker",
				duringOutage.providerCalls(), duringOutage.notPermitted());
		context.finding("calls in flight during the outage", "at most %.0f (limit %d)", outage.maxInFlight(),
				MAX_IN_FLIGHT);
		if (quiet) {
			context.finding("time to drain after the provider was back", "%.1f s", drain);
		}
		context.finding("orders", "%s", outcomes.describe());
		context.finding("retry budget", "%.0f retries granted, %.0f refused", figures.retriesGranted(),
				figures.retriesRefused());
		context.check("the circuit breaker opened while the provider was down",
				(outage.openedAfter() != null) ? List.of() : List.of("the breaker never opened"));
		context.check("no pile-up: at most " + MAX_IN_FLIGHT + " calls in flight",
				(outage.maxInFlight() <= MAX_IN_FLIGHT) ? List.of()
						: List.of("%.0f calls in flight at once".formatted(outage.maxInFlight())));
		context.check("no order given up over a 20 s outage",
				(outcomes.givenUp() == 0) ? List.of() : List.of(outcomes.givenUp() + " orders given up"));
		context.check("every order of the drill is terminal",
				(outcomes.unfinished() == 0) ? List.of() : List.of(outcomes.unfinished() + " orders not terminal"));
	}

	/** Samples the breaker and the calls in flight while the provider is down. */
	private static Outage watch(DrillContext context, Instant down) {
		context.narrator()
			.step("payment-provider down for %d s; sampling payment-service's breaker every %d ms", OUTAGE.toSeconds(),
					SAMPLE_EVERY.toMillis());
		Duration openedAfter = null;
		double maxInFlight = 0;
		Instant end = down.plus(OUTAGE);
		while (Instant.now().isBefore(end)) {
			if (openedAfter == null && PaymentFigures.breakerOpen(context)) {
				openedAfter = Duration.between(down, Instant.now());
				context.narrator().note("circuit breaker OPEN after %.1f s", openedAfter.toMillis() / 1000.0);
			}
			maxInFlight = Math.max(maxInFlight, PaymentFigures.inFlight(context));
			context.pause(SAMPLE_EVERY);
		}
		return new Outage(openedAfter, maxInFlight);
	}

	private record Outage(Duration openedAfter, double maxInFlight) {
	}

}
