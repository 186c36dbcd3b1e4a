package dslab.reliability.bulkhead;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many API requests a service works on at once. Two semaphore bulkheads, one for
 * reads and one for writes, so a flood of order placements never takes the slots a read
 * needs; a request past its bulkhead's limit waits at most {@code maxWait} and is then
 * refused with {@code 503} and {@code Retry-After}. Actuator and admin requests are never
 * limited: only paths under {@code paths}.
 *
 * @param enabled whether the API is bounded at all
 * @param paths the path prefixes bounded ({@code /api/})
 * @param reads concurrent {@code GET}, {@code HEAD} and {@code OPTIONS} requests
 * @param writes concurrent requests of every other method
 * @param maxWait how long a request may wait for a slot; zero refuses at once
 * @param retryAfter what the refusal's {@code Retry-After} asks for
 */
@Validated
@ConfigurationProperties("lab.bulkhead")
public record BulkheadProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("/api/") @NotEmpty List<String> paths, @DefaultValue("16") @Min(1) int reads,
		@DefaultValue("16") @Min(1) int writes, @DefaultValue("0ms") @NotNull Duration maxWait,
		@DefaultValue("1s") @NotNull Duration retryAfter) {
}
