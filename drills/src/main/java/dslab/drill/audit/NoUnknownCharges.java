package dslab.drill.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dslab.drill.audit.ProviderSnapshot.ChargeStatus;

import static dslab.drill.audit.Books.money;

/**
 * No provider charge the lab does not know of. Every CAPTURED charge at the provider must
 * be matched by a CAPTURED payment in payment-service for the order its key
 * {@code order-<orderId>} names. A charge without one took the customer's money while the
 * lab believes it did not: payment-service crashed or timed out after the provider
 * captured and never recorded the answer, or charged again under a fresh key.
 */
final class NoUnknownCharges implements Check {

	static final String NAME = "no provider charge without a captured payment";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> violations(Books books) {
		return books.snapshots()
			.provider()
			.charges()
			.stream()
			.filter((charge) -> charge.status() == ChargeStatus.CAPTURED)
			.filter((charge) -> {
				Optional<UUID> orderId = Books.orderOfChargeKey(charge.idempotencyKey());
				return orderId.isEmpty() || books.capturedPayments(orderId.get()).isEmpty();
			})
			.map((charge) -> "provider charge %s (key %s, order %s, %s) has no CAPTURED payment in payment-service"
				.formatted(charge.chargeId(), charge.idempotencyKey(), charge.orderId(), money(charge.amount())))
			.toList();
	}

}
