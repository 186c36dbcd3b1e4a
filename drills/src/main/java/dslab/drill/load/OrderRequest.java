package dslab.drill.load;

import java.util.List;

/** The body of one {@code POST /api/orders}. */
public record OrderRequest(String customerId, List<Line> lines) {

	public OrderRequest {
		lines = List.copyOf(lines);
	}

	/** One line of an order. */
	public record Line(String sku, int quantity) {
	}

}
