package dslab.contracts;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A customer placed an order; nothing is reserved or charged yet. */
public record OrderPlaced(UUID orderId, String customerId, List<OrderLine> lines) implements OrderEvent {

	public OrderPlaced {
		Objects.requireNonNull(orderId, "orderId");
		Requirements.text(customerId, "customerId");
		lines = Requirements.nonEmpty(lines, "lines");
	}

}
