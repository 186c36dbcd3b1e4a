package dslab.drill.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dslab.drill.run.DrillContext;
import dslab.drill.run.Drill;
import dslab.drill.storm.Backoff;
import dslab.drill.storm.ClientOutcome;
import dslab.drill.storm.StormClient;
import dslab.drill.storm.StormSummary;
import dslab.drill.storm.StormSummary.ProviderCounts;
import dslab.drill.storm.StormTable;

/**
 * The AWS Architecture Blog's "Exponential Backoff and Jitter" experiment, in the lab:
 * for each backoff strategy in turn, {@value #CLIENTS} clients each charge the payment
 * provider once while it is down, retrying as the strategy says, and the provider comes
 * back after {@link #OUTAGE}; the provider's capacity is limited, so the clients contend
 * for it. One table compares the provider's calls and the time until every client was
 * done.
 * <p>
 * The storm's charges go to the provider directly, not through an order, so the lab knows
 * nothing of them: each is for the customer the provider always declines
 * ({@value #CUSTOMER}, {@code lab.provider.declined-customers}), like a payment
 * provider's test card that is always declined. A decline is a decision the provider
 * works for exactly as for a capture (the key looked up, the rules applied, the answer
 * stored), yet no money moves, so the audit's "no provider charge without a captured
 * payment" holds for the storm without being loosened: a storm charge that was captured
 * would break it, and this drill's own check says so first.
 */
final class RetryStorm implements Drill {

	static final int CLIENTS = 100;

	static final Duration OUTAGE = Duration.ofSeconds(5);

	/**
	 * The provider's service time during the drill (injected latency), failed calls
	 * included: with its default 16 permits it serves at most 320 charges a second, so a
	 * crowd of retries is partly refused for capacity.
	 */
	static final Duration SERVICE_TIME = Duration.ofMillis(50);

	static final Duration BASE = Duration.ofMillis(100);

	static final Duration CAP = Duration.ofSeconds(2);

	/**
	 * Bounds on a client, so the storm ends whatever happens: with no backoff a client
	 * made at most 147 calls on this machine (2 cores), far below the cap on attempts.
	 */
	static final StormClient.Limits LIMITS = new StormClient.Limits(2_000, Duration.ofSeconds(60),
			Duration.ofSeconds(5));

	static final String CUSTOMER = "c-declined";

	private static final String PROVIDER = ProviderMetrics.PROVIDER;

	@Override
	public String name() {
		return "retry-storm";
	}

	@Override
	public String lesson() {
		return "100 clients retry through a provider outage: no backoff, exponential, full and decorrelated jitter compared";
	}

	@Override
	public String duration() {
		return "~40 s";
	}

	@Override
	public void run(DrillContext context) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		URI charges = context.lab().service(PROVIDER).resolve("/charges");
		context.narrator()
			.step("%d clients, one charge each (customer %s: always declined, so no money moves), for each strategy: "
					+ "provider down %d s, %d ms per charge, capacity %.0f charges at once; backoff base %d ms, cap %d ms, "
					+ "at most %d attempts and %d s a client; Retry-After ignored", CLIENTS, CUSTOMER,
					OUTAGE.toSeconds(), SERVICE_TIME.toMillis(),
					metric(context, "resilience4j_bulkhead_max_allowed_concurrent_calls", "name", "charge"),
					BASE.toMillis(), CAP.toMillis(), LIMITS.maxAttempts(), LIMITS.deadline().toSeconds());
		context.narrator()
			.watch("curl -s localhost:8084/actuator/prometheus | grep -E 'lab_provider_rejected|bulkhead'");
		List<StormSummary> rows = new ArrayList<>();
		try {
			for (Backoff backoff : Backoff.values()) {
				rows.add(storm(context, backoff, charges, run));
			}
		}
		finally {
			context.lab().clearFaults(PROVIDER);
		}
		StormTable table = new StormTable(rows);
		context.narrator().out().println();
		context.narrator().out().println(table.text());
		context.narrator().out().println();
		context.finding("storm",
				"%d clients, one charge each; provider down %d s, %d ms per charge; base %d ms, cap %d ms", CLIENTS,
				OUTAGE.toSeconds(), SERVICE_TIME.toMillis(), BASE.toMillis(), CAP.toMillis());
		rows.forEach((row) -> context.finding(row.backoff().label(), "%s", StormTable.summary(row)));
		table.versusExponential()
			.forEach((backoff, versus) -> context.finding(backoff.label() + " vs exponential", "%s", versus));
		context.check("every storm client got the provider's decision", table.unfinished());
		context.check("every storm charge was declined, none captured", table.captured());
		context.check("full and decorrelated jitter made fewer provider calls than no backoff",
				table.jitterSparesTheProvider());
	}

	private static StormSummary storm(DrillContext context, Backoff backoff, URI charges, String run) {
		ProviderCounts before = counts(context);
		context.narrator()
			.step("%s: provider down (every charge fails after %d ms), %d clients charge at once", backoff.label(),
					SERVICE_TIME.toMillis(), CLIENTS);
		context.lab()
			.injectFaults(PROVIDER, "{\"latency\":{\"charge\":{\"fixed\":\"%dms\"}},\"errorRate\":{\"charge\":1.0}}"
				.formatted(SERVICE_TIME.toMillis()));
		List<ClientOutcome> outcomes;
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		AtomicLong recovered = new AtomicLong(Long.MAX_VALUE);
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			long start = System.nanoTime();
			List<Future<ClientOutcome>> running = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				StormClient client = new StormClient(http, charges,
						"retry-storm-%s-%s-%d".formatted(run, backoff.name().toLowerCase(Locale.ROOT), i),
						charge(UUID.randomUUID()), LIMITS);
				running.add(clients.submit(() -> client.run(backoff.waits(BASE, CAP, ThreadLocalRandom.current()),
						start, recovered::get)));
			}
			context.pause(OUTAGE.minusNanos(System.nanoTime() - start));
			context.lab().injectFaults(PROVIDER, "{\"errorRate\":{\"charge\":0}}");
			recovered.set(System.nanoTime());
			context.narrator()
				.note("provider back (%d ms per charge still); waiting for every client", SERVICE_TIME.toMillis());
			outcomes = join(running);
		}
		finally {
			http.close();
		}
		ProviderCounts after = counts(context);
		StormSummary summary = StormSummary.of(backoff, outcomes, after.since(before));
		context.narrator().note("%s: %s", backoff.label(), StormTable.summary(summary));
		return summary;
	}

	private static List<ClientOutcome> join(List<Future<ClientOutcome>> running) {
		List<ClientOutcome> outcomes = new ArrayList<>();
		try {
			for (Future<ClientOutcome> client : running) {
				outcomes.add(client.get());
			}
			return outcomes;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Drill interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A storm client failed: " + ex.getCause(), ex.getCause());
		}
	}

	private static ProviderCounts counts(DrillContext context) {
		return new ProviderCounts((long) ProviderMetrics.chargeRequests(context),
				(long) metric(context, "lab_provider_rejected_total", "reason", "capacity"),
				(long) ProviderMetrics.injectedIntoCharges(context, "error"));
	}

	private static double metric(DrillContext context, String name, String... labels) {
		return context.metric(PROVIDER, name, labels);
	}

	private static String charge(UUID orderId) {
		return "{\"orderId\":\"%s\",\"customerId\":\"%s\",\"amount\":10.00,\"currency\":\"EUR\"}".formatted(orderId,
				CUSTOMER);
	}

}
