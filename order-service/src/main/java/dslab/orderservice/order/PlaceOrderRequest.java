package dslab.orderservice.order;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dslab.contracts.OrderLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/orders}. */
record PlaceOrderRequest(@NotBlank @Size(max = 64) String customerId,
		@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Line> lines) {

	/** SKUs that appear on more than one line, in the order they repeat. */
	List<String> repeatedSkus() {
		Set<String> seen = new HashSet<>();
		return this.lines.stream().map(Line::sku).filter((sku) -> !seen.add(sku)).distinct().toList();
	}

	List<OrderLine> orderLines() {
		return this.lines.stream().map((line) -> new OrderLine(line.sku(), line.quantity())).toList();
	}

	record Line(@NotBlank @Size(max = 64) String sku, @Min(1) @Max(1000) int quantity) {
	}

}
