package dslab.drill.scenario;

import dslab.drill.run.DrillContext;

/** What the payment provider's own metrics say, for the drills that break it. */
final class ProviderMetrics {

	static final String PROVIDER = "payment-provider";

	private ProviderMetrics() {
	}

	/** Charge requests the provider received, whatever it answered. */
	static double chargeRequests(DrillContext context) {
		return context.metric(PROVIDER, "http_server_requests_seconds_count", "method", "POST", "uri", "/charges");
	}

	/**
	 * Faults of one kind ({@code error}, {@code drop}, ...) injected into the provider's
	 * charges.
	 */
	static double injectedIntoCharges(DrillContext context, String kind) {
		return context.metric(PROVIDER, "lab_faults_injected_total", "kind", kind, "operation", "charge");
	}

}
