package dslab.reliability.idempotency;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The idempotency-key policy of a service, in one place.
 *
 * @param enabled whether the service stores keys (only services with an API that takes an
 * {@code Idempotency-Key} header turn it on)
 * @param ttl how long a key is kept after its first request: a retry within it replays, a
 * reuse after it is a new request (Stripe keeps keys 24 h)
 * @param lockTimeout how long a request in progress holds its key; a request that finds
 * the key held longer (its process died mid-way) takes the key over, so no key stays
 * locked forever. Far above the few milliseconds a request takes, below a client's retry
 * horizon
 * @param sweepInterval how often expired keys are deleted
 */
@Validated
@ConfigurationProperties("lab.idempotency")
public record IdempotencySettings(@DefaultValue("false") boolean enabled,
		@DefaultValue("24h") @DurationMin(seconds = 1) Duration ttl,
		@DefaultValue("10s") @DurationMin(millis = 1) Duration lockTimeout,
		@DefaultValue("1m") @DurationMin(millis = 1) Duration sweepInterval) {
}
