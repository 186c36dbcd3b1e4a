package dslab.orderservice.order;

import java.util.UUID;

/** The answer to a placed order: where to follow it. */
record OrderAccepted(UUID orderId, OrderStatus status) {
}
