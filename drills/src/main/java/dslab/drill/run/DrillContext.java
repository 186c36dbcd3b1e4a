package dslab.drill.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import dslab.drill.audit.AuditClient;
import dslab.drill.audit.AuditReport;
import dslab.drill.audit.Auditor;
import dslab.drill.audit.CheckResult;
import dslab.drill.audit.ClientLedger;
import dslab.drill.audit.InventorySnapshot.ReservationStatus;
import dslab.drill.audit.OrderServiceSnapshot;
import dslab.drill.audit.Snapshots;
import dslab.drill.load.LoadGenerator;
import dslab.drill.load.LoadResult;
import dslab.drill.load.LoadSettings;
import dslab.drill.load.OrderMix;
import dslab.drill.partitions.ConsumerLag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a drill can do while it runs: drive load, break and heal processes, probe how long
 * the saga takes to complete orders again, wait until the lab is quiet, and audit its
 * books. It keeps the client's side of the ledger (every order acknowledged, every
 * request whose outcome the client never learned) for the audit.
 */
public final class DrillContext {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration READY_BOUND = Duration.ofSeconds(120);

	private final Lab lab;

	private final Narrator narrator;

	private final double rate;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<LoadResult> loads = new ArrayList<>();

	private final List<ClientLedger.AcknowledgedOrder> probes = new ArrayList<>();

	private final Map<String, Double> recoveries = new LinkedHashMap<>();

	private final Map<String, String> findings = new LinkedHashMap<>();

	private final List<CheckResult> checks = new ArrayList<>();

	private final List<ClientLedger.AcknowledgedOrder> acknowledged = new ArrayList<>();

	public DrillContext(Lab lab, Narrator narrator, double rate) {
		this.lab = lab;
		this.narrator = narrator;
		this.rate = rate;
	}

	public Narrator narrator() {
		return this.narrator;
	}

	public Lab lab() {
		return this.lab;
	}

	/** The arrival rate the drill's load uses, orders per second. */
	public double rate() {
		return this.rate;
	}

	/**
	 * Starts open-loop load in the background; it ends after {@code duration}, or earlier
	 * when the returned handle is stopped.
	 */
	public RunningLoad startLoad(Duration duration) {
		return startLoad(duration, this.rate);
	}

	/** Starts open-loop load at a rate of the drill's own choosing. */
	public RunningLoad startLoad(Duration duration, double ordersPerSecond) {
		return startLoad(LoadSettings.of(this.lab.gateway(), ordersPerSecond, duration));
	}

	/** Starts open-loop load of the drill's own orders, e.g. most of them for one SKU. */
	public RunningLoad startLoad(Duration duration, double ordersPerSecond, OrderMix mix) {
		return startLoad(LoadSettings.of(this.lab.gateway(), ordersPerSecond, duration).withMix(mix));
	}

	/**
	 * Starts open-loop load as {@code settings} say (retries, timeouts, in-flight cap);
	 * its orders join the client's ledger like any other load's.
	 */
	public RunningLoad startLoad(LoadSettings settings) {
		LoadGenerator generator = new LoadGenerator(settings, this.narrator.out());
		Thread[] runner = new Thread[1];
		CompletableFuture<LoadResult> result = new CompletableFuture<>();
		runner[0] = Thread.ofVirtual().name("drill-load").start(() -> {
			try {
				result.complete(generator.run());
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return new RunningLoad(result, runner[0]);
	}

	/** Load that runs in the background; {@link #finish()} waits for its end. */
	public final class RunningLoad {

		private final CompletableFuture<LoadResult> result;

		private final Thread runner;

		RunningLoad(CompletableFuture<LoadResult> result, Thread runner) {
			this.result = result;
			this.runner = runner;
		}

		/** Stops sending new requests now, and waits for those in flight. */
		public LoadResult stop() {
			this.runner.interrupt();
			return finish();
		}

		/** Waits until the load has run its course. */
		public LoadResult finish() {
			LoadResult done = this.result.join();
			DrillContext.this.loads.add(done);
			return done;
		}

	}

	/**
	 * Restocks the SKUs the default load orders, so the drill exercises the saga, not the
	 * shelf.
	 */
	public void ensureStock(List<String> skus, int available) {
		for (String sku : skus) {
			JsonNode item = get(this.lab.gateway().resolve("/api/stock/" + sku));
			int missing = available - item.get("available").asInt();
			if (missing > 0) {
				post(this.lab.service("inventory-service").resolve("/admin/stock/" + sku + "/restock"),
						"{\"quantity\":" + missing + "}", true);
			}
		}
		this.narrator.note("stock of %s restocked to at least %d each", String.join(", ", skus), available);
	}

	/** SIGKILLs a service; returns when it is gone. */
	public Instant kill(String service) {
		this.narrator.step("SIGKILL %s (no graceful shutdown)", service);
		this.lab.control().kill(service);
		return Instant.now();
	}

	/**
	 * Runs exactly {@code count} instances of a scalable service, waiting for new ones;
	 * surplus ones stop gracefully, highest first.
	 */
	public void scale(String service, int count) {
		int now = this.lab.control().instances(service);
		if (now != count) {
			this.narrator.step("scaling %s from %d to %d instance(s)", service, now, count);
			this.lab.control().scale(service, count);
			this.narrator.note("%s runs %d instance(s)", service, count);
		}
	}

	/** How many instances of a service run now. */
	public int instances(String service) {
		return this.lab.control().instances(service);
	}

	/** Starts a service and waits until its readiness probe says UP. */
	public void start(String service) {
		this.narrator.step("starting %s", service);
		this.lab.control().start(service);
		awaitCondition("readiness of " + service, READY_BOUND, () -> this.lab.isReady(service));
		this.narrator.note("%s is ready", service);
	}

	/**
	 * Places probe orders until one completes the whole saga, and records how long after
	 * {@code since} that was: the time the lab needed to recover.
	 */
	public double measureRecovery(String label, Instant since, Duration bound) {
		Instant deadline = Instant.now().plus(bound);
		while (Instant.now().isBefore(deadline)) {
			UUID probe = placeProbe();
			if (probe != null && awaitTerminal(probe, Duration.ofSeconds(5))) {
				double seconds = Duration.between(since, Instant.now()).toMillis() / 1000.0;
				this.recoveries.put(label, seconds);
				this.narrator.note("recovered: orders complete again %.1f s after %s", seconds, label);
				return seconds;
			}
			pause(Duration.ofMillis(500));
		}
		this.recoveries.put(label, Double.NaN);
		this.narrator.note("NOT recovered within %d s of %s", bound.toSeconds(), label);
		return Double.NaN;
	}

	/**
	 * Sums a counter or gauge of a service's Prometheus endpoint over the series whose
	 * labels include every {@code name="value"} given, e.g.
	 * {@code metric("payment-provider", "lab_faults_injected_total", "kind", "drop")}.
	 * @return the sum, 0 if no series matches
	 */
	public double metric(String service, String name, String... labels) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(this.lab.service(service).resolve("/actuator/prometheus")).GET(), false);
		double sum = 0;
		for (String line : response.body().split("\n")) {
			if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
				continue;
			}
			boolean matches = true;
			for (int i = 0; i + 1 < labels.length; i += 2) {
				matches &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
			}
			if (matches) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

	/** Records a figure the drill measured, for its report; narrates it too. */
	public void finding(String name, String format, Object... arguments) {
		String value = String.format(format, arguments);
		this.findings.put(name, value);
		this.narrator.note("%s: %s", name, value);
	}

	/**
	 * Records a rule the drill itself checked, beside the audit's: the drill fails if
	 * there is a violation.
	 */
	public void check(String rule, List<String> violations) {
		this.checks.add(new CheckResult(rule, violations));
		this.narrator.note("[%s] %s", violations.isEmpty() ? "ok" : "FAIL", rule);
	}

	/**
	 * Adds orders the drill placed itself (not through {@link #startLoad}) to the
	 * client's ledger, so the audit holds the lab to them.
	 */
	public void acknowledged(List<UUID> orderIds) {
		orderIds.forEach((id) -> this.acknowledged.add(new ClientLedger.AcknowledgedOrder(id, null)));
	}

	public Map<String, String> findings() {
		return Collections.unmodifiableMap(this.findings);
	}

	public List<CheckResult> checks() {
		return List.copyOf(this.checks);
	}

	/**
	 * Arms a crash point in a service, waits until the service halts there (at most 30
	 * s), starts it again and measures the recovery under {@code label}.
	 * @return whether the service halted; if it did not, the fault counts as not
	 * recovered from
	 */
	public boolean crashAndRestart(String service, String crashPoint, String label, Duration recoveryBound) {
		try {
			this.lab.injectFaults(service, "{\"crashPoints\":[\"" + crashPoint + "\"]}");
		}
		catch (IllegalStateException ex) {
			// A busy service can reach the point before it has finished answering the
			// request that armed it: the halt cuts the answer off. Whether it halted is
			// checked next.
			this.narrator.note("no answer from %s while arming (%s)", service, ex.getMessage());
		}
		boolean halted = awaitCondition(service + " to reach " + crashPoint, Duration.ofSeconds(30),
				() -> !this.lab.control().isRunning(service));
		if (!halted) {
			this.lab.clearFaults(service);
			notRecovered(label, service + " did not reach " + crashPoint + " within 30 s");
			return false;
		}
		Instant down = Instant.now();
		this.narrator.note("%s halted at %s", service, crashPoint);
		start(service);
		measureRecovery(label, down, recoveryBound);
		return true;
	}

	/** Records a fault the lab did not recover from (the drill fails). */
	public void notRecovered(String label, String why) {
		this.recoveries.put(label, Double.NaN);
		this.narrator.note("NOT recovered from %s: %s", label, why);
	}

	/**
	 * Waits until every order is terminal, every outbox is empty and every consumer group
	 * with members has consumed everything written (an order is finished in order-service
	 * before inventory-service has consumed the same event), or the bound passes.
	 */
	public boolean awaitQuiet(Duration bound) {
		this.narrator.step(
				"waiting until the lab is quiet: every order terminal, every outbox empty, no finished order holding stock, no consumer lag (at most %d s)",
				bound.toSeconds());
		this.narrator.watch("curl -s localhost:8081/actuator/prometheus | grep lab_outbox_backlog");
		try (AuditClient client = auditClient(); ConsumerLag lag = new ConsumerLag(this.lab.kafkaBootstrap())) {
			boolean quiet = awaitCondition("quiet", bound, () -> {
				try {
					Snapshots books = client.fetchAll();
					return books.orders().orders().stream().allMatch((order) -> order.status().isTerminal())
							&& books.orders().outboxBacklog() == 0 && books.inventory().outboxBacklog() == 0
							&& books.payments().outboxBacklog() == 0 && stockSettled(books) && lag.caughtUp();
				}
				catch (RuntimeException ex) {
					return false;
				}
			});
			return quiet;
		}
	}

	/**
	 * Whether inventory has settled every finished order: a sale or release travels as a
	 * stock movement (payment outcome, then the SKU's owner) after order-service already
	 * finished the order, so the lab is quiet only once no finished order holds stock. If
	 * that never happens, the audit's stock check fails after the bound.
	 */
	private static boolean stockSettled(Snapshots books) {
		Set<UUID> finished = new HashSet<>();
		books.orders()
			.orders()
			.stream()
			.filter((order) -> order.status().isTerminal())
			.forEach((order) -> finished.add(order.orderId()));
		return books.inventory()
			.reservations()
			.stream()
			.noneMatch((reservation) -> reservation.status() == ReservationStatus.RESERVED
					&& finished.contains(reservation.orderId()));
	}

	/** Every order order-service has, as its audit snapshot shows them now. */
	public List<OrderServiceSnapshot.Order> orders() {
		try (AuditClient client = auditClient()) {
			return client.orderService().orders();
		}
	}

	/**
	 * Takes every service's snapshot and checks the invariants against the client's
	 * ledger.
	 */
	public AuditReport audit() {
		this.narrator.step("auditing every service's books");
		try (AuditClient client = auditClient()) {
			return new Auditor().audit(client.fetchAll(), ledger());
		}
	}

	/**
	 * Every acknowledged order and every request whose outcome the client never learned.
	 */
	public ClientLedger ledger() {
		List<ClientLedger.AcknowledgedOrder> acknowledged = new ArrayList<>(this.probes);
		acknowledged.addAll(this.acknowledged);
		List<ClientLedger.UnknownOutcome> unknown = new ArrayList<>();
		for (LoadResult load : this.loads) {
			load.acknowledged()
				.forEach((request) -> acknowledged.add(new ClientLedger.AcknowledgedOrder(request.orderId(), null)));
			load.unknownOutcomes()
				.forEach((request) -> unknown.add(
						new ClientLedger.UnknownOutcome(request.order().customerId(), request.idempotencyKey(), null)));
		}
		return new ClientLedger(acknowledged, unknown);
	}

	public List<LoadResult> loads() {
		return List.copyOf(this.loads);
	}

	public Map<String, Double> recoveries() {
		return Map.copyOf(this.recoveries);
	}

	/** Waits for a condition, bounded, polling every 250 ms; says so when it gives up. */
	public boolean awaitCondition(String what, Duration bound, BooleanSupplier condition) {
		boolean met = poll(bound, Duration.ofMillis(250), condition);
		if (!met) {
			this.narrator.note("gave up waiting for %s after %d s", what, bound.toSeconds());
		}
		return met;
	}

	/** Lets time pass while load runs: drills schedule their faults on a timeline. */
	public void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Drill interrupted", ex);
		}
	}

	private AuditClient auditClient() {
		return new AuditClient(
				new AuditClient.Targets(this.lab.service("order-service"), this.lab.service("inventory-service"),
						this.lab.service("payment-service"), this.lab.service("payment-provider")),
				this.lab.adminToken(), AuditClient.DEFAULT_TIMEOUT);
	}

	private UUID placeProbe() {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(this.lab.gateway().resolve("/api/orders"))
					.header("Content-Type", "application/json")
					.header("Idempotency-Key", "probe-" + UUID.randomUUID())
					.timeout(Duration.ofSeconds(5))
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"customerId\":\"c-probe\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 202) {
				return null;
			}
			UUID orderId = UUID.fromString(json.readTree(response.body()).get("orderId").asString());
			this.probes.add(new ClientLedger.AcknowledgedOrder(orderId, null));
			return orderId;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Drill interrupted", ex);
		}
	}

	private boolean awaitTerminal(UUID orderId, Duration bound) {
		return poll(bound, Duration.ofMillis(100), () -> {
			try {
				String status = get(this.lab.gateway().resolve("/api/orders/" + orderId)).get("status").asString();
				return List.of("CONFIRMED", "REJECTED", "CANCELLED").contains(status);
			}
			catch (RuntimeException ex) {
				return false;
			}
		});
	}

	private boolean poll(Duration bound, Duration interval, BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(bound);
		while (Instant.now().isBefore(deadline)) {
			if (condition.getAsBoolean()) {
				return true;
			}
			pause(interval);
		}
		return false;
	}

	private JsonNode get(URI uri) {
		return json.readTree(send(HttpRequest.newBuilder(uri).GET(), false).body());
	}

	private void post(URI uri, String body, boolean admin) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), admin);
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"POST " + uri + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request, boolean admin) {
		if (admin) {
			request.header("Authorization", "Bearer " + this.lab.adminToken());
		}
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Drill interrupted", ex);
		}
	}

}
