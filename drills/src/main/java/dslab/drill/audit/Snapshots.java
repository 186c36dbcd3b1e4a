package dslab.drill.audit;

import java.util.Objects;

/**
 * The books of the four services that an audit compares.
 *
 * @param orders order-service's
 * @param inventory inventory-service's
 * @param payments payment-service's
 * @param provider the payment provider's
 */
public record Snapshots(OrderServiceSnapshot orders, InventorySnapshot inventory, PaymentServiceSnapshot payments,
		ProviderSnapshot provider) {

	public Snapshots {
		Objects.requireNonNull(orders, "orders");
		Objects.requireNonNull(inventory, "inventory");
		Objects.requireNonNull(payments, "payments");
		Objects.requireNonNull(provider, "provider");
	}

}
