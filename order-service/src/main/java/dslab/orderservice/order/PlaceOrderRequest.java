package dslab.orderservice.order;

import java.util.Comparator;
import java.util.List;

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

	/**
	 * What the request means, for the idempotency-key fingerprint: the order of the lines
	 * does not change an order, so they are sorted; fields the API ignores are not in it.
	 */
	PlaceOrderRequest canonical() {
		return new PlaceOrderRequest(this.customerId,
				this.lines.stream().sorted(Comparator.comparing(Line::sku).thenComparing(Line::quantity)).toList());
	}

	List<OrderLine> orderLines() {
		return this.lines.stream().map((line) -> new OrderLine(line.sku(), line.quantity())).toList();
	}

	record Line(@NotBlank @Size(max = 64) String sku, @Min(1) @Max(1000) int quantity) {
	}

}
