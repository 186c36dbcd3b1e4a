package dslab.drill.audit;

import java.time.Instant;

/**
 * What one service's {@code GET /admin/audit} answers: its books at one moment.
 */
public sealed interface ServiceSnapshot
		permits OrderServiceSnapshot, InventorySnapshot, PaymentServiceSnapshot, ProviderSnapshot {

	/** The service's own name, e.g. {@code order-service}. */
	String service();

	/** When the service read its books. */
	Instant takenAt();

}
