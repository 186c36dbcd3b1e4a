package dslab.drill.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;
import dslab.drill.run.DrillContext.RunningLoad;

/**
 * The provider fails half its charges and twice freezes for longer than payment-service's
 * time limit. Retries turn many failures into charges, the retry budget keeps the calls
 * the provider receives to about 1.2 per order instead of the 1.75 that three blind
 * attempts would make, orders the budget could not save are declined rather than left
 * hanging, and no order is charged twice.
 */
final class FlakyProvider implements Drill {

	static final double ERROR_RATE = 0.5;

	static final Duration LOAD = Duration.ofSeconds(40);

	static final double RATE = 10;

	/** Longer than payment-service's 2 s time limit: calls in flight time out. */
	static final int FREEZE_SECONDS = 3;

	/** The target: retries add at most 20% to the calls the provider receives. */
	static final double MAX_CALLS_PER_ORDER = 1.2;

	/**
	 * Orders whose charge failed wait up to payment-service's 90 s before they are given
	 * up, and the outcome of a timed-out charge must be learnt before the order can end.
	 */
	static final Duration DRAIN_BOUND = Duration.ofMinutes(4);

	@Override
	public String name() {
		return "flaky-provider";
	}

	@Override
	public String lesson() {
		return "the provider fails 50% of charges and freezes: retries, a retry budget (~1.2 calls per order), no double charge";
	}

	@Override
	public String duration() {
		return "~3 min";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		PaymentFigures before = PaymentFigures.read(context);
		double providerCallsBefore = ProviderMetrics.chargeRequests(context);
		double injectedBefore = ProviderMetrics.injectedIntoCharges(context, "error");
		context.narrator()
			.step("payment-provider fails %.0f%% of charges (503) and adds 0-100 ms to each", ERROR_RATE * 100);
		context.lab()
			.injectFaults("payment-provider", "{\"errorRate\":{\"charge\":" + ERROR_RATE
					+ "},\"latency\":{\"charge\":{\"fixed\":\"0ms\",\"jitter\":\"100ms\"}}}");
		context.narrator()
			.watch("curl -s localhost:8082/actuator/prometheus | grep -E 'lab_payment_(provider_calls|retry_budget)_total'");
		context.narrator().step("open-loop load: %.0f orders/s for %d s", RATE, LOAD.toSeconds());
		RunningLoad load = context.startLoad(LOAD, RATE);
		for (int spike = 1; spike <= 2; spike++) {
			context.pause(LOAD.dividedBy(3));
			context.narrator()
				.step("latency spike %d: payment-provider freezes for %d s (payment-service gives up on a call after 2 s)",
						spike, FREEZE_SECONDS);
			context.lab().injectFaults("payment-provider", "{\"freezeSeconds\":" + FREEZE_SECONDS + "}");
		}
		List<UUID> placed = load.finish().acknowledgedOrderIds();
		PaymentFigures whileFlaky = PaymentFigures.read(context).since(before);
		double injected = ProviderMetrics.injectedIntoCharges(context, "error") - injectedBefore;
		PaymentFigures.Outcomes flakyOutcomes = PaymentFigures.Outcomes.of(context, placed);
		context.lab().clearFaults("payment-provider");
		Instant cleared = Instant.now();
		context.narrator()
			.step("faults cleared; orders whose charge failed are retried as the budget allows, or given up after 90 s");
		if (context.awaitQuiet(DRAIN_BOUND)) {
			context.finding("drain after the faults cleared", "%.1f s",
					Duration.between(cleared, Instant.now()).toMillis() / 1000.0);
		}
		PaymentFigures figures = PaymentFigures.read(context).since(before);
		PaymentFigures.Outcomes outcomes = PaymentFigures.Outcomes.of(context, placed);
		double callsPerOrder = perOrder(whileFlaky.providerCalls(), outcomes);
		context.finding("provider", "%.0f charge requests received, %.0f failed on purpose (%.0f%%) while flaky",
				ProviderMetrics.chargeRequests(context) - providerCallsBefore, injected,
				100 * injected / Math.max(1, whileFlaky.providerCalls()));
		context.finding("orders", "%s", outcomes.describe());
		context.finding("charged while the provider was flaky", "%d of %d orders (%d declined by it)",
				flakyOutcomes.confirmed(), flakyOutcomes.orders(), flakyOutcomes.declined());
		context.finding("success rate", "%.1f%% of the orders the provider was asked to charge were charged",
				100 * outcomes.successRate());
		context.finding("provider calls per order while it was flaky",
				"%.2f (%.0f calls for %d orders; target at most %.1f)", callsPerOrder, whileFlaky.providerCalls(),
				outcomes.orders(), MAX_CALLS_PER_ORDER);
		context.finding("provider calls per order in all", "%.2f (%.0f calls, the retries after it healed included)",
				perOrder(figures.providerCalls(), outcomes), figures.providerCalls());
		context.finding("calls without an answer", "%.0f, of which %.0f cut off by the 2 s time limit",
				figures.callsWithoutAnswer(), figures.timeouts());
		context.finding("retry budget", "%.0f retries granted, %.0f refused", figures.retriesGranted(),
				figures.retriesRefused());
		context.finding("calls failed fast by the circuit breaker", "%.0f", figures.notPermitted());
		context.check("provider calls per order at most " + MAX_CALLS_PER_ORDER, (callsPerOrder <= MAX_CALLS_PER_ORDER)
				? List.of() : List.of("%.2f calls per order".formatted(callsPerOrder)));
		context.check("every order of the drill is terminal",
				(outcomes.unfinished() == 0) ? List.of() : List.of(outcomes.unfinished() + " orders not terminal"));
		context
			.check("retries turned failures into charges", (outcomes.successRate() > 1 - ERROR_RATE) ? List.of() : List
				.of("success rate %.1f%% is no better than without retries".formatted(100 * outcomes.successRate())));
	}

	private static double perOrder(double calls, PaymentFigures.Outcomes outcomes) {
		return (outcomes.orders() > 0) ? calls / outcomes.orders() : 0;
	}

}
