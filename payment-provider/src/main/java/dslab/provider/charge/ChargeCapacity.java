package dslab.provider.charge;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many charges the provider works on at once; a charge beyond that is refused at once
 * with 503 and {@code Retry-After}, as a real provider sheds load, so clients contend for
 * a limited resource. It shares the {@code lab.provider} prefix with {@link ChargeRules}
 * but is its own concern: how much, not whether.
 *
 * @param maxConcurrentCharges charges in progress at once; payment-service alone makes at
 * most one per consumer thread (3), plus a retry still held by a dropped reply
 */
@Validated
@ConfigurationProperties("lab.provider")
record ChargeCapacity(@DefaultValue("16") @Min(1) int maxConcurrentCharges) {
}
