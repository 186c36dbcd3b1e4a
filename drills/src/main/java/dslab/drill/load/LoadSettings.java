package dslab.drill.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to send, where and how fast. Refuses any gateway that is not on this machine: the
 * lab never sends load anywhere else.
 *
 * @param gateway the gateway's base URL, e.g. {@code http://localhost:8080}
 * @param rate arrivals per second
 * @param duration how long to keep sending
 * @param maxInFlight requests outstanding at once; beyond it a request is skipped, so a
 * dead server cannot make the generator exhaust memory
 * @param requestTimeout how long one attempt may take
 * @param retry how failed attempts are retried
 * @param mix where the orders come from
 */
public record LoadSettings(URI gateway, double rate, Duration duration, int maxInFlight, Duration requestTimeout,
		RetryPolicy retry, OrderMix mix) {

	public static final int DEFAULT_MAX_IN_FLIGHT = 2000;

	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	public LoadSettings {
		requireLoopback(gateway);
		Objects.requireNonNull(duration, "duration");
		Objects.requireNonNull(requestTimeout, "requestTimeout");
		Objects.requireNonNull(retry, "retry");
		Objects.requireNonNull(mix, "mix");
		if (!(rate > 0) || Double.isInfinite(rate)) {
			throw new IllegalArgumentException(
					"The rate must be a positive number of requests per second, was " + rate);
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("The duration must be positive, was " + duration);
		}
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
		}
		if (requestTimeout.isNegative() || requestTimeout.isZero()) {
			throw new IllegalArgumentException("The request timeout must be positive, was " + requestTimeout);
		}
	}

	/**
	 * The defaults: 2000 in flight, 5 s per attempt, {@link RetryPolicy#DEFAULT},
	 * {@link ShopMix#DEFAULT}.
	 */
	public static LoadSettings of(URI gateway, double rate, Duration duration) {
		return new LoadSettings(gateway, rate, duration, DEFAULT_MAX_IN_FLIGHT, DEFAULT_REQUEST_TIMEOUT,
				RetryPolicy.DEFAULT, ShopMix.DEFAULT);
	}

	public LoadSettings withMaxInFlight(int maxInFlight) {
		return new LoadSettings(this.gateway, this.rate, this.duration, maxInFlight, this.requestTimeout, this.retry,
				this.mix);
	}

	public LoadSettings withRequestTimeout(Duration requestTimeout) {
		return new LoadSettings(this.gateway, this.rate, this.duration, this.maxInFlight, requestTimeout, this.retry,
				this.mix);
	}

	public LoadSettings withRetry(RetryPolicy retry) {
		return new LoadSettings(this.gateway, this.rate, this.duration, this.maxInFlight, this.requestTimeout, retry,
				this.mix);
	}

	public LoadSettings withMix(OrderMix mix) {
		return new LoadSettings(this.gateway, this.rate, this.duration, this.maxInFlight, this.requestTimeout,
				this.retry, mix);
	}

	/** How many requests the schedule holds: request i is due at i / rate. */
	public long requestCount() {
		return (long) Math.floor(this.rate * this.duration.toNanos() / 1e9);
	}

	URI ordersEndpoint() {
		String base = this.gateway.toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/orders");
	}

	/** Intended send time of request {@code i}, in nanoseconds after the start. */
	long offsetNanos(long i) {
		return Math.round(i * 1e9 / this.rate);
	}

	private static void requireLoopback(URI gateway) {
		Objects.requireNonNull(gateway, "gateway");
		String host = gateway.getHost();
		boolean web = "http".equalsIgnoreCase(gateway.getScheme()) || "https".equalsIgnoreCase(gateway.getScheme());
		if (!web || host == null) {
			throw new IllegalArgumentException(
					"The gateway must be an http URL such as http://localhost:8080, was '" + gateway + "'.");
		}
		if (!isLoopback(host)) {
			throw new IllegalArgumentException("Refusing to send load to " + host
					+ ": this lab sends load only to this machine (localhost, 127.x.x.x or [::1]).");
		}
	}

	private static boolean isLoopback(String host) {
		if (host.equalsIgnoreCase("localhost") || IPV4_LOOPBACK.matcher(host).matches()) {
			return true;
		}
		try {
			// A bracketed IPv6 literal is parsed, never looked up in DNS.
			return host.startsWith("[") && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
