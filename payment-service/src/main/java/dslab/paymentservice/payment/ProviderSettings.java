package dslab.paymentservice.payment;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this service calls the payment provider, all numbers in one place: where it is, how
 * long one call may take, how often a failed call is retried and how far apart, how many
 * retries the provider may receive at most, and when to stop calling it altogether. The
 * redelivery of a whole charge through Kafka is {@link RedeliverySettings}.
 *
 * @param baseUrl the provider's base URL
 * @param connectTimeout the longest wait for a connection
 * @param timeLimit the longest one call may take, answer included; a call cut off is
 * retried like a timeout (the charge may have been made, the idempotency key makes the
 * retry safe)
 * @param retry the retries of one charge, inside one delivery of its event
 * @param budget how many retries the provider may receive, as a share of first calls
 * @param breaker when to stop calling a provider that is down
 * @param saturation when to pause instead of calling a provider that is at its capacity
 */
@Validated
@ConfigurationProperties("lab.payment.provider")
record ProviderSettings(@DefaultValue("http://localhost:8084") @NotBlank String baseUrl,
		@DefaultValue("1s") @NotNull Duration connectTimeout, @DefaultValue("2s") @NotNull Duration timeLimit,
		@Valid @DefaultValue Retry retry, @Valid @DefaultValue Budget budget, @Valid @DefaultValue Breaker breaker,
		@Valid @DefaultValue Saturation saturation) {

	/**
	 * When the provider is saturated, the consumer pauses instead of calling: after a 429
	 * or a 503 "provider at capacity" for its {@code Retry-After}, and when this service
	 * has {@code maxInFlight} calls waiting for an answer (calls cut off by the time
	 * limit included, until they really end) for {@code pause}.
	 *
	 * @param maxInFlight calls to the provider at once, at most
	 * @param pause the pause when the provider named none, or the local limit is reached
	 */
	record Saturation(@DefaultValue("16") @Min(1) int maxInFlight, @DefaultValue("1s") @NotNull Duration pause) {
	}

	/**
	 * Retries of a call that may heal (timeout, refused connection, 5xx, 429), never of a
	 * decline: exponential backoff with full jitter, the pause before retry n drawn
	 * uniformly from {@code [0, min(cap, base * 2^(n-1))]}; a 429 or 503 with
	 * {@code Retry-After} waits at least that long.
	 *
	 * @param maxAttempts calls per charge and delivery, the first included
	 * @param base the backoff's first ceiling
	 * @param cap the longest pause
	 * @param maxRetryAfter a {@code Retry-After} longer than this is not waited for in
	 * place, holding a consumer thread: the delivery ends and the retry topics redeliver
	 * the charge, after at least 1 s
	 */
	record Retry(@DefaultValue("3") @Min(1) int maxAttempts, @DefaultValue("100ms") @NotNull Duration base,
			@DefaultValue("1s") @NotNull Duration cap, @DefaultValue("500ms") @NotNull Duration maxRetryAfter) {
	}

	/**
	 * A retry budget in the manner of Finagle's: while the provider fails broadly,
	 * retries may add at most {@code ratio} of the first calls made in a sliding window,
	 * or {@code minRetries} when traffic is too light for the ratio to allow any. While
	 * fewer than {@code healthyBelow} of its answers in the window are failures, retries
	 * are not capped. A retry the budget refuses is not made; the charge is redelivered
	 * later instead.
	 *
	 * @param ratio retries allowed per first call
	 * @param minRetries retries allowed in a window whatever the traffic
	 * @param healthyBelow the share of failed calls below which retries are not capped
	 * @param window how far back calls count
	 */
	record Budget(@DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0") double ratio,
			@DefaultValue("2") @Min(0) int minRetries,
			@DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double healthyBelow,
			@DefaultValue("10s") @NotNull Duration window) {
	}

	/**
	 * A circuit breaker over the calls of a sliding time window: when at least
	 * {@code failureRate} percent of at least {@code minimumCalls} calls failed, it opens
	 * and every call fails at once, without reaching the provider, for {@code openFor};
	 * then {@code halfOpenCalls} trial calls decide whether it closes again. The rate is
	 * high on purpose: a provider failing half its calls is flaky, which retries and the
	 * budget handle; one failing nearly all of them is down.
	 *
	 * @param failureRate failed calls, in percent, that open the breaker
	 * @param window the sliding window the rate is taken over
	 * @param minimumCalls calls in the window before the rate counts
	 * @param openFor how long an open breaker rejects calls
	 * @param halfOpenCalls trial calls in the half-open state
	 */
	record Breaker(@DefaultValue("80") @DecimalMin("1") @DecimalMax("100") float failureRate,
			@DefaultValue("10s") @NotNull Duration window, @DefaultValue("10") @Min(1) int minimumCalls,
			@DefaultValue("5s") @NotNull Duration openFor, @DefaultValue("3") @Min(1) int halfOpenCalls) {
	}

}
