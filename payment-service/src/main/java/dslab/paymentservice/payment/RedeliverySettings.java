package dslab.paymentservice.payment;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a charge that failed in one delivery is delivered again, through Kafka retry topics
 * ({@code inventory-events.payment-service.retry-<delay ms>}), and when the order is
 * given up on. Non-blocking on purpose: payment-service acts on one event per order
 * ({@code StockReserved}), so nothing it reads depends on the order of another, and one
 * order waiting for the provider must not hold up the orders behind it on its partition.
 *
 * @param initialDelay the pause before the first redelivery
 * @param multiplier growth of the pause per redelivery
 * @param maxDelay the longest pause; every later redelivery goes through the one topic of
 * this delay
 * @param maxAttempts deliveries in all, the first included, before the event goes to the
 * dead-letter topic {@code inventory-events.payment-service.DLT}
 * @param giveUpAfter how long after the stock was reserved an order may wait for its
 * charge: once it is over, a charge that fails again, and that certainly took no money,
 * declines the order ("payment provider unavailable") so its stock is released; a charge
 * whose outcome is unknown (a timeout) is never given up on
 * @param providerDownBackoff the first pause while the provider's circuit breaker is
 * open: the consumer waits in place, its partitions paused, doubling the pause up to 5 s
 */
@Validated
@ConfigurationProperties("lab.payment.redelivery")
record RedeliverySettings(@DefaultValue("1s") @NotNull Duration initialDelay,
		@DefaultValue("3") @DecimalMin("1.0") double multiplier, @DefaultValue("10s") @NotNull Duration maxDelay,
		@DefaultValue("100") @Min(2) int maxAttempts, @DefaultValue("90s") @NotNull Duration giveUpAfter,
		@DefaultValue("500ms") @NotNull Duration providerDownBackoff) {
}
