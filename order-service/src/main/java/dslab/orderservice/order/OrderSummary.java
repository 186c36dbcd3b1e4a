package dslab.orderservice.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One line of a customer's order list. */
record OrderSummary(UUID orderId, OrderStatus status, BigDecimal amount, Instant createdAt) {
}
