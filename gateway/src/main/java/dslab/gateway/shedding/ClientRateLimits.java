package dslab.gateway.shedding;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import org.springframework.stereotype.Component;

/**
 * One Resilience4j rate limiter per client, in a bounded cache: a client unseen for a
 * while, or pushed out by a flood of new ids, starts again with a full quota.
 */
@Component
class ClientRateLimits {

	private final SheddingProperties.ClientRate settings;

	private final long periodNanos;

	private final Cache<String, ClientLimiter> limiters;

	private volatile int limit;

	ClientRateLimits(SheddingProperties properties) {
		this.settings = properties.clientRate();
		this.periodNanos = this.settings.period().toNanos();
		this.limit = this.settings.limit();
		this.limiters = Caffeine.newBuilder()
			.maximumSize(this.settings.maxClients())
			// A client idle for a whole period would have its full quota back anyway.
			.expireAfterAccess(Math.max(this.periodNanos, TimeUnit.MINUTES.toNanos(1)), TimeUnit.NANOSECONDS)
			.build();
	}

	boolean enabled() {
		return this.settings.enabled();
	}

	/** Takes one permit from the client's quota if there is one left, never waits. */
	Decision tryAcquire(String client) {
		ClientLimiter limiter = this.limiters.get(client, (key) -> newLimiter());
		boolean permitted = limiter.rateLimiter().acquirePermission();
		int remaining = Math.max(0, limiter.rateLimiter().getMetrics().getAvailablePermissions());
		return new Decision(permitted, this.limit, periodSeconds(), remaining, secondsToReset(limiter));
	}

	int limit() {
		return this.limit;
	}

	/** Changes every client's quota from its next period on. */
	synchronized void changeLimit(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("clientLimit must be at least 1; was " + limit);
		}
		this.limit = limit;
		this.limiters.asMap().values().forEach((limiter) -> limiter.rateLimiter().changeLimitForPeriod(limit));
	}

	long clients() {
		return this.limiters.estimatedSize();
	}

	private ClientLimiter newLimiter() {
		RateLimiterConfig config = RateLimiterConfig.custom()
			.limitForPeriod(this.limit)
			.limitRefreshPeriod(this.settings.period())
			.timeoutDuration(Duration.ZERO)
			.build();
		// The limiter counts its periods from its creation: remember when that was.
		long born = System.nanoTime();
		return new ClientLimiter(new AtomicRateLimiter("client", config), born);
	}

	private long periodSeconds() {
		return TimeUnit.NANOSECONDS.toSeconds(this.periodNanos);
	}

	private long secondsToReset(ClientLimiter limiter) {
		long intoPeriod = (System.nanoTime() - limiter.born()) % this.periodNanos;
		long left = this.periodNanos - intoPeriod;
		return Math.max(1, (left + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
	}

	/**
	 * What the limiter decided, with what the RateLimit header fields report.
	 *
	 * @param permitted whether the request may go on
	 * @param quota requests per window
	 * @param windowSeconds the window
	 * @param remaining requests left in the current window
	 * @param resetSeconds seconds until the window starts again
	 */
	record Decision(boolean permitted, int quota, long windowSeconds, int remaining, long resetSeconds) {
	}

	private record ClientLimiter(RateLimiter rateLimiter, long born) {
	}

}
