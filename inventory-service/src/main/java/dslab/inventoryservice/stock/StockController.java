package dslab.inventoryservice.stock;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read-only view of the catalogue and its stock. */
@RestController
@RequestMapping("/api/stock")
class StockController {

	private final StockItems items;

	StockController(StockItems items) {
		this.items = items;
	}

	@GetMapping
	List<StockView> all() {
		return this.items.findAll().stream().map(StockView::of).toList();
	}

	@GetMapping("/{sku}")
	StockView one(@PathVariable String sku) {
		return this.items.find(sku).map(StockView::of).orElseThrow(() -> unknown(sku));
	}

	static ResponseStatusException unknown(String sku) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown SKU: " + sku);
	}

}
