package dslab.drill.load;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./drill load}: open-loop load on the gateway from the command line. */
@Command(name = "load", mixinStandardHelpOptions = true, showDefaultValues = true,
		description = {
				"Places orders through the gateway at a constant arrival rate (open loop): each request is sent "
						+ "on schedule whether or not earlier ones have finished, and its latency counts from that "
						+ "scheduled time.",
				"Retries timeouts, 429, 503 and other 5xx with the same Idempotency-Key (exponential backoff, "
						+ "full jitter, Retry-After honoured). Only sends to this machine." })
public final class LoadCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--gateway", defaultValue = "http://localhost:${env:LAB_GATEWAY_PORT:-8080}",
			description = "Base URL of the gateway; loopback only (localhost, 127.x.x.x, [::1]).")
	private URI gateway;

	@Option(names = { "-r", "--rate" }, defaultValue = "50", description = "Orders per second.")
	private double rate;

	@Option(names = { "-d", "--duration" }, defaultValue = "30s", converter = DurationConverter.class,
			description = "How long to send, e.g. 500ms, 30s, 2m.")
	private Duration duration;

	@Option(names = "--max-in-flight", defaultValue = "2000",
			description = "Requests outstanding at once; the schedule's requests beyond it are skipped and counted.")
	private int maxInFlight;

	@Option(names = "--timeout", defaultValue = "5s", converter = DurationConverter.class,
			description = "Timeout of one attempt.")
	private Duration timeout;

	@Option(names = "--max-attempts", defaultValue = "4", description = "Attempts per order, the first one included.")
	private int maxAttempts;

	@Option(names = "--customers", defaultValue = "50", description = "Orders come from customers c-1..c-N.")
	private int customers;

	@Option(names = "--declined-share", defaultValue = "0.05",
			description = "Share of orders from c-declined, whom the payment provider always declines (0 to 1).")
	private double declinedShare;

	@Option(names = "--skus", split = ",", defaultValue = "SKU-1,SKU-2,SKU-3,SKU-6,SKU-7,SKU-17",
			description = "SKUs to order, comma-separated (e.g. SKU-5 to run it out of stock).")
	private List<String> skus;

	@Option(names = "--max-lines", defaultValue = "3", description = "Lines per order, at most.")
	private int maxLines;

	@Option(names = "--max-quantity", defaultValue = "2", description = "Quantity per line, at most.")
	private int maxQuantity;

	private final PrintStream out;

	public LoadCommand() {
		this(System.out);
	}

	LoadCommand(PrintStream out) {
		this.out = out;
	}

	@Override
	public Integer call() {
		LoadSettings settings = settings();
		this.out.printf(Locale.ROOT, "Sending %d orders to %s over %s (%.1f/s)%n", settings.requestCount(),
				settings.ordersEndpoint(), DurationConverter.format(settings.duration()), settings.rate());
		LoadResult result = new LoadGenerator(settings, this.out).run();
		if (result.count(Outcome.OK) == 0 && result.sent() > 0) {
			this.out.println("No order was acknowledged: is the lab up? (./cluster status)");
		}
		return 0;
	}

	LoadSettings settings() {
		try {
			ShopMix mix = new ShopMix(this.customers, this.declinedShare, this.skus, this.maxLines, this.maxQuantity);
			return new LoadSettings(this.gateway, this.rate, this.duration, this.maxInFlight, this.timeout,
					RetryPolicy.DEFAULT.withMaxAttempts(this.maxAttempts), mix);
		}
		catch (IllegalArgumentException ex) {
			throw new CommandLine.ParameterException(this.spec.commandLine(), ex.getMessage(), ex);
		}
	}

	/**
	 * Reads durations the way people type them: 500ms, 30s, 2m, 1h (or ISO-8601, PT30S).
	 */
	public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

		private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

		@Override
		public Duration convert(String value) {
			Matcher matcher = SHORT.matcher(value.trim().toLowerCase(Locale.ROOT));
			if (matcher.matches()) {
				long amount = Long.parseLong(matcher.group(1));
				return switch (matcher.group(2)) {
					case "ms" -> Duration.ofMillis(amount);
					case "s" -> Duration.ofSeconds(amount);
					case "m" -> Duration.ofMinutes(amount);
					default -> Duration.ofHours(amount);
				};
			}
			try {
				return Duration.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new CommandLine.TypeConversionException(
						"'" + value + "' is not a duration; write e.g. 500ms, 30s, 2m or 1h");
			}
		}

		static String format(Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
		}

	}

}
