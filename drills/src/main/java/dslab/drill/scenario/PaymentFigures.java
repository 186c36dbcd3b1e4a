package dslab.drill.scenario;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dslab.drill.audit.OrderServiceSnapshot.Order;
import dslab.drill.audit.OrderServiceSnapshot.OrderStatus;
import dslab.drill.run.DrillContext;

/**
 * What payment-service's retry policies did, read from its metrics (see docs/retries.md),
 * and how a drill's orders ended. Counters are read before and after a drill; the figures
 * are the differences.
 *
 * @param providerCalls calls payment-service made to the provider
 * @param callsWithoutAnswer those that got no answer (refused, timed out, 5xx)
 * @param timeouts calls cut off by the time limit
 * @param retriesGranted retries the budget allowed
 * @param retriesRefused retries the budget refused
 * @param notPermitted calls the open circuit breaker failed at once
 * @param givenUp orders given up on
 */
record PaymentFigures(double providerCalls, double callsWithoutAnswer, double timeouts, double retriesGranted,
		double retriesRefused, double notPermitted, double givenUp) {

	/** The prefix of the decline reason of an order payment-service gave up on. */
	static final String GIVEN_UP = "payment provider unavailable";

	static PaymentFigures read(DrillContext context) {
		return new PaymentFigures(payment(context, "lab_payment_provider_calls_total"),
				payment(context, "lab_payment_provider_calls_total", "outcome", "refused")
						+ payment(context, "lab_payment_provider_calls_total", "outcome", "unknown"),
				payment(context, "resilience4j_timelimiter_calls_total", "kind", "timeout"),
				payment(context, "lab_payment_retry_budget_total", "decision", "granted"),
				payment(context, "lab_payment_retry_budget_total", "decision", "refused"),
				payment(context, "resilience4j_circuitbreaker_not_permitted_calls_total"),
				payment(context, "lab_payment_given_up_total"));
	}

	PaymentFigures since(PaymentFigures before) {
		return new PaymentFigures(this.providerCalls - before.providerCalls,
				this.callsWithoutAnswer - before.callsWithoutAnswer, this.timeouts - before.timeouts,
				this.retriesGranted - before.retriesGranted, this.retriesRefused - before.retriesRefused,
				this.notPermitted - before.notPermitted, this.givenUp - before.givenUp);
	}

	/** Whether payment-service's circuit breaker is open now. */
	static boolean breakerOpen(DrillContext context) {
		return payment(context, "resilience4j_circuitbreaker_state", "state", "open") > 0;
	}

	/** Calls to the provider waiting for an answer now. */
	static double inFlight(DrillContext context) {
		return payment(context, "lab_payment_provider_in_flight");
	}

	private static double payment(DrillContext context, String name, String... labels) {
		return context.metric("payment-service", name, labels);
	}

	/**
	 * How the drill's orders ended.
	 *
	 * @param orders orders the drill placed
	 * @param confirmed paid and confirmed
	 * @param declined cancelled because the provider declined the charge
	 * @param givenUp cancelled because payment-service gave up on the provider
	 * @param rejected rejected for want of stock (never charged)
	 * @param unfinished not terminal, or not found
	 */
	record Outcomes(int orders, int confirmed, int declined, int givenUp, int rejected, int unfinished) {

		static Outcomes of(DrillContext context, Collection<UUID> placed) {
			Set<UUID> ids = new HashSet<>(placed);
			List<Order> orders = context.orders().stream().filter((order) -> ids.contains(order.orderId())).toList();
			int confirmed = 0;
			int declined = 0;
			int givenUp = 0;
			int rejected = 0;
			for (Order order : orders) {
				if (order.status() == OrderStatus.REJECTED) {
					rejected++;
				}
				else if (order.status() == OrderStatus.CONFIRMED) {
					confirmed++;
				}
				else if (order.status() == OrderStatus.CANCELLED) {
					if (order.reason() != null && order.reason().contains(GIVEN_UP)) {
						givenUp++;
					}
					else {
						declined++;
					}
				}
			}
			return new Outcomes(ids.size(), confirmed, declined, givenUp, rejected,
					ids.size() - confirmed - declined - givenUp - rejected);
		}

		/** The outcomes in one line, for a drill's findings. */
		String describe() {
			return "%d placed: %d confirmed, %d declined by the provider, %d given up, %d rejected for stock, %d unfinished"
				.formatted(this.orders, this.confirmed, this.declined, this.givenUp, this.rejected, this.unfinished);
		}

		/** Confirmed, as a share of the orders the provider could have charged. */
		double successRate() {
			int charged = this.confirmed + this.givenUp;
			return (charged > 0) ? (double) this.confirmed / charged : 0;
		}

	}

}
