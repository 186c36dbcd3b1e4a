package dslab.orderservice.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.contracts.OrderLine;

/** An order as {@code GET /api/orders/{id}} shows it, with its saga timeline. */
record OrderDetails(UUID orderId, String customerId, OrderStatus status, String reason, List<OrderLine> lines,
		BigDecimal amount, Instant createdAt, Instant updatedAt, List<TimelineEntry> timeline) {
}
