package dslab.gateway.shedding;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every number of the gateway's overload protection in one place: the concurrency limit
 * (its mode, the static limit, the adaptive algorithm's bounds), the share of the limit
 * each priority is guaranteed, the per-client rate limit and the control port that
 * changes them at run time.
 *
 * @param mode which concurrency limit guards the routes at start; changeable at run time
 * @param staticLimit the fixed limit of {@link Mode#STATIC}
 * @param adaptive the bounds of {@link Mode#ADAPTIVE}'s Gradient2 limit
 * @param shares the share of the limit each priority keeps once the limit is reached
 * @param priorityHeader the header by which a request marks itself {@code batch}
 * @param retryAfter what a 503 tells the caller to wait
 * @param clientRate the per-client rate limit
 * @param control the port that serves {@code /admin/shedding}
 */
@Validated
@ConfigurationProperties("lab.gateway.shedding")
public record SheddingProperties(@DefaultValue("adaptive") @NotNull Mode mode,
		@DefaultValue("100") @Min(1) @Max(100_000) int staticLimit, @DefaultValue @Valid @NotNull Adaptive adaptive,
		@DefaultValue @Valid @NotNull Shares shares,
		@DefaultValue("X-Request-Priority") @NotBlank String priorityHeader,
		@DefaultValue("1s") @NotNull Duration retryAfter, @DefaultValue @Valid @NotNull ClientRate clientRate,
		@DefaultValue @Valid @NotNull Control control) {

	@AssertTrue(message = "retry-after must be a whole number of seconds, at least 1")
	boolean isRetryAfterWholeSeconds() {
		return this.retryAfter != null && this.retryAfter.toSeconds() >= 1 && this.retryAfter.toNanosPart() == 0;
	}

	/**
	 * Netflix Gradient2: the limit grows while the short-term latency stays near the
	 * long-term one and shrinks as queueing makes it rise.
	 *
	 * @param initialLimit the limit before any sample
	 * @param minLimit the limit never goes below this
	 * @param maxLimit the limit never goes above this
	 * @param queueSize how many requests may queue beyond the estimated capacity
	 * @param rttTolerance how much slower than the long-term latency still counts as
	 * unloaded
	 * @param longWindow how many samples the long-term latency averages
	 * @param dropBackoff what each request the backend refused (502, 503, 504, no answer)
	 * multiplies the limit by: Gradient2 alone does not see refusals
	 */
	public record Adaptive(@DefaultValue("20") @Min(1) int initialLimit, @DefaultValue("2") @Min(1) int minLimit,
			@DefaultValue("500") @Min(1) int maxLimit, @DefaultValue("1") @Min(0) int queueSize,
			@DefaultValue("1.1") @DecimalMin("1.0") double rttTolerance, @DefaultValue("600") @Min(10) int longWindow,
			@DefaultValue("0.9") @DecimalMin("0.1") @DecimalMax("1.0") double dropBackoff) {

		@AssertTrue(message = "min-limit <= initial-limit <= max-limit")
		boolean isOrdered() {
			return this.minLimit <= this.initialLimit && this.initialLimit <= this.maxLimit;
		}

	}

	/**
	 * Once the limit is reached a request is admitted only while its priority holds fewer
	 * than its share of the limit (at least one slot each); below the limit any priority
	 * may use any slot.
	 *
	 * @param critical reads ({@code GET}, {@code HEAD}, {@code OPTIONS})
	 * @param normal writes, order placement among them
	 * @param batch requests that mark themselves batch or sheddable
	 */
	public record Shares(@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double critical,
			@DefaultValue("0.4") @DecimalMin("0.0") @DecimalMax("1.0") double normal,
			@DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double batch) {

		@AssertTrue(message = "the shares add up to at most 1.0")
		boolean isAtMostWhole() {
			return this.critical + this.normal + this.batch <= 1.0 + 1e-9;
		}

	}

	/**
	 * A Resilience4j rate limiter per client: {@code limit} requests per {@code period}.
	 *
	 * @param enabled whether clients are rate limited at all
	 * @param limit requests a client may send per period; changeable at run time
	 * @param period the window, a whole number of seconds
	 * @param maxClients how many clients' limiters are kept (least recently seen
	 * forgotten first), so a flood of client ids cannot exhaust memory
	 * @param clientHeader the header that names the client; without it, the remote
	 * address does
	 */
	public record ClientRate(@DefaultValue("true") boolean enabled, @DefaultValue("500") @Min(1) int limit,
			@DefaultValue("1s") @NotNull Duration period, @DefaultValue("10000") @Min(1) int maxClients,
			@DefaultValue("X-Client-Id") @NotBlank String clientHeader) {

		@AssertTrue(message = "period must be a whole number of seconds, at least 1")
		boolean isPeriodWholeSeconds() {
			return this.period != null && this.period.toSeconds() >= 1 && this.period.toNanosPart() == 0;
		}

	}

	/**
	 * A listener of its own for {@code /admin/shedding}, so the public port never serves
	 * it.
	 *
	 * @param port the control port ({@code 0}: any free port)
	 * @param address the interface it binds; loopback unless the drill runs elsewhere
	 */
	public record Control(@DefaultValue("9080") @Min(0) @Max(65535) int port,
			@DefaultValue("127.0.0.1") @NotBlank String address) {

	}

}
