package dslab.contracts;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer placed an order; nothing is reserved or charged yet. Each SKU is on one
 * line, as the order itself requires.
 */
public record OrderPlaced(UUID orderId, String customerId, List<OrderLine> lines) implements OrderEvent {

	public OrderPlaced {
		Objects.requireNonNull(orderId, "orderId");
		Requirements.text(customerId, "customerId");
		lines = Requirements.distinct(Requirements.nonEmpty(lines, "lines"), OrderLine::sku, "lines");
	}

}
