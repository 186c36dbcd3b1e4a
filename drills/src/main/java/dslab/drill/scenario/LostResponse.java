package dslab.drill.scenario;

import java.time.Duration;
import java.time.Instant;

import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;

/**
 * The payment provider charges and then loses 30% of its answers: payment-service times
 * out, retries the charge with the same Idempotency-Key, and gets the stored charge back
 * instead of a second one.
 */
final class LostResponse implements Drill {

	static final double DROP_RATE = 0.3;

	/**
	 * Longer than payment-service's 2 s time limit, so a dropped answer is a timeout.
	 */
	static final Duration DROP_HOLD = Duration.ofSeconds(6);

	static final Duration LOAD = Duration.ofSeconds(20);

	/**
	 * Every lost answer stalls a payment partition for the read timeout, so the load is
	 * light: the drill is about correctness, not throughput.
	 */
	static final double RATE = 4;

	@Override
	public String name() {
		return "lost-response";
	}

	@Override
	public String lesson() {
		return "the provider charges and drops 30% of its answers: retries with the same key, no double charge";
	}

	@Override
	public String duration() {
		return "~1.5 min";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		double callsBefore = ProviderMetrics.chargeRequests(context);
		double dropsBefore = ProviderMetrics.injectedIntoCharges(context, "drop");
		double replaysBefore = charges(context, true);
		double chargesBefore = charges(context, false);
		context.narrator()
			.step("payment-provider drops %.0f%% of charge answers after charging, holding each %d s", DROP_RATE * 100,
					DROP_HOLD.toSeconds());
		context.lab()
			.injectFaults("payment-provider", "{\"dropResponseRate\":{\"charge\":" + DROP_RATE + "},\"dropHold\":\""
					+ DROP_HOLD.toSeconds() + "s\"}");
		context.narrator().watch("./cluster logs payment-service | grep 'Attempt'");
		context.narrator().watch("curl -s localhost:8084/actuator/prometheus | grep lab_provider_charges_total");
		context.narrator().step("open-loop load: %.0f orders/s for %d s", RATE, LOAD.toSeconds());
		context.startLoad(LOAD, RATE).finish();
		context.lab().clearFaults("payment-provider");
		// Counted where the drop is decided (after the charge, before the reply), so a
		// reply
		// still held when the fault clears is in both figures.
		double callsWhileDropping = charges(context, true) + charges(context, false) - replaysBefore - chargesBefore;
		double drops = ProviderMetrics.injectedIntoCharges(context, "drop") - dropsBefore;
		Instant cleared = Instant.now();
		context.narrator().step("faults cleared; draining the payments that queued behind lost answers");
		if (context.awaitQuiet(Duration.ofSeconds(120))) {
			context.finding("drain after the faults cleared", "%.1f s",
					Duration.between(cleared, Instant.now()).toMillis() / 1000.0);
		}
		context.finding("charge calls while dropping", "%.0f, of which %.0f answers dropped (%.0f%%)",
				callsWhileDropping, drops, (callsWhileDropping > 0) ? 100 * drops / callsWhileDropping : 0.0);
		context.finding("charge calls in all", "%.0f", ProviderMetrics.chargeRequests(context) - callsBefore);
		context.finding("charges made (first call per key)", "%.0f", charges(context, false) - chargesBefore);
		context.finding("retries answered with the stored charge", "%.0f", charges(context, true) - replaysBefore);
	}

	private static double charges(DrillContext context, boolean replayed) {
		return context.metric("payment-provider", "lab_provider_charges_total", "replayed", String.valueOf(replayed));
	}

}
