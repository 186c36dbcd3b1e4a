package dslab.inventoryservice.stock;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Whether a SKU owner handles the stock movements of one poll and one partition in one
 * database transaction (one commit per batch) or one transaction per movement: the
 * hot-key mitigation of docs/partitioning.md. Set at start by
 * {@code lab.inventory.stock-movements.batch}, switched at run time by
 * {@code PUT /admin/stock/movements/batching}.
 */
@Component
class StockMovementBatches {

	private final AtomicBoolean enabled;

	StockMovementBatches(Settings settings) {
		this.enabled = new AtomicBoolean(settings.batch());
	}

	boolean enabled() {
		return this.enabled.get();
	}

	void enable(boolean enabled) {
		this.enabled.set(enabled);
	}

	/**
	 * How the SKU owners consume {@code stock-movements}.
	 *
	 * @param batch one transaction per poll and partition (true) or per movement
	 */
	@ConfigurationProperties("lab.inventory.stock-movements")
	record Settings(@DefaultValue("true") boolean batch) {
	}

}
