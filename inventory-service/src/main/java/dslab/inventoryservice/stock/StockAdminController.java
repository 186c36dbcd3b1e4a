package dslab.inventoryservice.stock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator actions on stock; {@code /admin/**} needs the admin bearer token. */
@RestController
@RequestMapping("/admin/stock")
class StockAdminController {

	private final Restocking restocking;

	private final StockMovementBatches batches;

	StockAdminController(Restocking restocking, StockMovementBatches batches) {
		this.restocking = restocking;
		this.batches = batches;
	}

	@PostMapping("/{sku}/restock")
	StockView restock(@PathVariable String sku, @Valid @RequestBody RestockRequest request) {
		return this.restocking.restock(sku, request.quantity())
			.map(StockView::of)
			.orElseThrow(() -> StockController.unknown(sku));
	}

	@GetMapping("/movements/batching")
	Batching batching() {
		return new Batching(this.batches.enabled());
	}

	@PutMapping("/movements/batching")
	Batching batching(@RequestBody Batching change) {
		this.batches.enable(change.enabled());
		return new Batching(this.batches.enabled());
	}

	/**
	 * Whether the SKU owners handle a poll's stock movements of one partition in one
	 * transaction.
	 *
	 * @param enabled one transaction per batch (true) or per movement
	 */
	record Batching(boolean enabled) {
	}

	/**
	 * How many units arrived.
	 *
	 * @param quantity between 1 and 1,000,000
	 */
	record RestockRequest(@Min(1) @Max(1_000_000) int quantity) {
	}

}
