package dslab.drill.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dslab.drill.audit.OrderServiceSnapshot;
import dslab.drill.load.LoadResult;
import dslab.drill.load.LoadSettings;
import dslab.drill.load.Outcome;
import dslab.drill.load.RequestResult;
import dslab.drill.load.RetryPolicy;
import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the lab's capacity for order placement through the gateway, then offers 2x, 5x
 * and 10x of it for 30 s each with the gateway's shedding off, static and adaptive, and
 * measures for each: goodput (orders acknowledged and later confirmed, per second), the
 * share shed, admitted and rejection latency, critical reads' success and the time the
 * lab takes to return to its baseline. The load sends each request once (no retries), so
 * what is offered is what is measured.
 */
final class Overload implements Drill {

	/** Capacity: the highest steady rate whose p99 stays under this. */
	static final Duration CAPACITY_P99 = Duration.ofMillis(250);

	static final List<Double> SEARCH_RATES = List.of(5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 75.0, 90.0,
			110.0, 130.0);

	static final Duration WARM_UP = Duration.ofSeconds(10);

	static final double WARM_UP_RATE = 10;

	static final Duration STEP = Duration.ofSeconds(6);

	static final Duration BURST = Duration.ofSeconds(30);

	static final List<Integer> MULTIPLES = List.of(2, 5, 10);

	static final List<String> MODES = List.of("off", "static", "adaptive");

	/** Critical reads ({@code GET /api/orders/{id}}) per second beside the writes. */
	static final double READ_RATE = 10;

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * Requests outstanding at once; beyond it the generator drops a request and counts it
	 * (skipped), so it never becomes the bottleneck by queueing itself.
	 */
	static final int MAX_IN_FLIGHT = 1500;

	static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

	static final Duration DRAIN_BOUND = Duration.ofSeconds(40);

	/** Probes in a row within the baseline latency that count as recovered. */
	static final int RECOVERED_STREAK = 5;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	@Override
	public String name() {
		return "overload";
	}

	@Override
	public String lesson() {
		return "capacity found, then 2x/5x/10x offered with shedding off/static/adaptive: goodput held, fast refusals";
	}

	@Override
	public String duration() {
		return "~7 min";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 1_000_000);
		SheddingSwitch gateway = new SheddingSwitch(context.lab());
		SheddingSwitch.Settings before = gateway.current();
		context.narrator().note("gateway before the drill: %s", before);
		List<Cell> cells = new ArrayList<>();
		Capacity capacity;
		try {
			// One address sends everything: the per-client quota must not be what
			// refuses.
			gateway.change("{\"mode\":\"off\",\"clientLimit\":100000}");
			capacity = findCapacity(context);
			drain(context);
			gateway.change("{\"staticLimit\":" + staticLimit(capacity) + "}");
			for (String mode : MODES) {
				SheddingSwitch.Settings now = gateway.change("{\"mode\":\"" + mode + "\"}");
				context.narrator().step("gateway shedding %s (limit %d)", mode, now.limit());
				for (int multiple : MULTIPLES) {
					cells.add(burst(context, mode, multiple, capacity));
				}
			}
		}
		finally {
			gateway.restore(before);
			context.narrator().note("gateway restored: %s", gateway.current());
		}
		context.awaitQuiet(Duration.ofSeconds(120));
		report(context, capacity, cells);
	}

	private Capacity findCapacity(DrillContext context) {
		context.narrator().step("warming up: %d s at %.0f orders/s", WARM_UP.toSeconds(), WARM_UP_RATE);
		load(context, WARM_UP_RATE, WARM_UP);
		context.narrator()
			.step("finding capacity: the highest rate whose p99 stays under %d ms, %d s per step",
					CAPACITY_P99.toMillis(), STEP.toSeconds());
		LoadResult unloaded = null;
		LoadResult best = null;
		for (double rate : SEARCH_RATES) {
			// A step that misses is tried once more: on a shared machine one pause of a
			// few hundred ms (a neighbour's build, a full GC) is the p99 of 6 s.
			LoadResult step = step(context, rate);
			if (!within(step)) {
				step = step(context, rate);
			}
			unloaded = (unloaded != null) ? unloaded : step;
			if (!within(step)) {
				break;
			}
			best = step;
		}
		if (best == null) {
			context.narrator().note("even %.0f orders/s is beyond capacity; using it as capacity", SEARCH_RATES.get(0));
			best = unloaded;
		}
		Capacity capacity = new Capacity(best.settings().rate(), best, unloaded.latency().p99());
		context.finding("capacity", "%.0f orders/s (p99 %s); unloaded p99 %s at %.0f orders/s", capacity.rate(),
				ms(best.latency().p99()), ms(capacity.unloadedP99()), unloaded.settings().rate());
		return capacity;
	}

	private LoadResult step(DrillContext context, double rate) {
		LoadResult step = load(context, rate, STEP);
		context.narrator()
			.note("%.0f orders/s: %d/%d acknowledged, p50 %s, p99 %s -> %s", rate, step.count(Outcome.OK), step.sent(),
					ms(step.latency().p50()), ms(step.latency().p99()), within(step) ? "within" : "beyond");
		return step;
	}

	/** Every order acknowledged, p99 under the bound. */
	private static boolean within(LoadResult step) {
		return step.count(Outcome.OK) >= 0.99 * step.settings().requestCount() && step.skipped() == 0
				&& step.latency().p99().compareTo(CAPACITY_P99) < 0;
	}

	private Cell burst(DrillContext context, String mode, int multiple, Capacity capacity) {
		double rate = multiple * capacity.rate();
		double shedBefore = context.metric("gateway", "lab_gateway_rejections_total", "reason", "limit");
		double refusedBefore = refusedByOrderService(context);
		double fastBefore = refusalsWithin5ms(context);
		double refusalsBefore = refusals(context);
		List<UUID> readable = capacity.load().acknowledgedOrderIds();
		context.narrator()
			.step("%s, %dx: %.0f orders/s for %d s, and %.0f critical reads/s", mode, multiple, rate, BURST.toSeconds(),
					READ_RATE);
		context.narrator()
			.watch("curl -s localhost:8080/actuator/prometheus | grep -E 'lab_gateway_(in_flight|concurrency_limit)'");
		Reads reads = new Reads(context.lab().gateway(), readable);
		Instant started = Instant.now();
		LoadResult load;
		try {
			load = load(context, rate, BURST);
		}
		finally {
			reads.stop();
		}
		Instant burstEnded = started.plus(load.sendingTime());
		double limit = context.metric("gateway", "lab_gateway_concurrency_limit");
		double gatewayShed = context.metric("gateway", "lab_gateway_rejections_total", "reason", "limit") - shedBefore;
		double serviceRefused = refusedByOrderService(context) - refusedBefore;
		double refusedAtGateway = refusals(context) - refusalsBefore;
		double within5ms = (refusedAtGateway > 0) ? (refusalsWithin5ms(context) - fastBefore) / refusedAtGateway
				: Double.NaN;
		Duration threshold = baselineLatency(capacity);
		double recovery = recover(context, burstEnded, threshold);
		double drain = drain(context);
		Cell cell = new Cell(mode, multiple, rate, load, gatewayShed, serviceRefused, within5ms, reads.ok.get(),
				reads.failed.get(), limit, recovery, drain);
		context.narrator()
			.note("%s %dx: acknowledged %d of %d (%.1f/s), shed %.1f%% (gateway %.0f, order-service %.0f), "
					+ "admitted p99 %s, refusal p99 %s, reads %d/%d, recovered %s, drained %s", mode, multiple,
					load.count(Outcome.OK), load.sent(), load.count(Outcome.OK) / seconds(BURST),
					100 * cell.shedShare(), gatewayShed, serviceRefused, ms(cell.admitted().p99()),
					ms(cell.refused().p99()), cell.readsOk(), cell.reads(), secondsOrNot(recovery),
					secondsOrNot(drain));
		return cell;
	}

	/**
	 * The static limit for a known capacity, by Little's law: the requests in flight at
	 * capacity, at the latency that defines it (at least 8).
	 */
	private static int staticLimit(Capacity capacity) {
		return Math.max(8, (int) Math.ceil(capacity.rate() * seconds(CAPACITY_P99)));
	}

	private static double refusals(DrillContext context) {
		return context.metric("gateway", "lab_gateway_rejection_latency_seconds_count", "reason", "limit");
	}

	private static double refusalsWithin5ms(DrillContext context) {
		return context.metric("gateway", "lab_gateway_rejection_latency_seconds_bucket", "reason", "limit", "le",
				"0.005");
	}

	/** Refused by its write bulkhead, or after waiting for a database connection. */
	private static double refusedByOrderService(DrillContext context) {
		return context.metric("order-service", "lab_bulkhead_rejected_total", "name", "api-writes")
				+ context.metric("order-service", "hikaricp_connections_timeout_total");
	}

	/** What counts as back to normal: twice the unloaded p99, at least 50 ms. */
	private static Duration baselineLatency(Capacity capacity) {
		Duration twice = capacity.unloadedP99().multipliedBy(2);
		return (twice.compareTo(Duration.ofMillis(50)) > 0) ? twice : Duration.ofMillis(50);
	}

	private LoadResult load(DrillContext context, double rate, Duration duration) {
		LoadSettings settings = LoadSettings.of(context.lab().gateway(), rate, duration)
			.withRetry(RetryPolicy.DEFAULT.withMaxAttempts(1))
			.withRequestTimeout(REQUEST_TIMEOUT)
			.withMaxInFlight(MAX_IN_FLIGHT);
		return context.startLoad(settings).finish();
	}

	/**
	 * Places one probe order at a time until {@link #RECOVERED_STREAK} in a row are
	 * acknowledged within {@code threshold}; returns the seconds since the burst ended.
	 */
	private double recover(DrillContext context, Instant burstEnded, Duration threshold) {
		Instant deadline = Instant.now().plus(RECOVERY_BOUND);
		int streak = 0;
		List<UUID> placed = new ArrayList<>();
		try {
			while (Instant.now().isBefore(deadline)) {
				long start = System.nanoTime();
				UUID order = placeProbe(context.lab().gateway());
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				if (order != null) {
					placed.add(order);
				}
				streak = (order != null && took.compareTo(threshold) <= 0) ? streak + 1 : 0;
				if (streak >= RECOVERED_STREAK) {
					return Duration.between(burstEnded, Instant.now()).toMillis() / 1000.0;
				}
				context.pause(Duration.ofMillis(100));
			}
			return Double.NaN;
		}
		finally {
			context.acknowledged(placed);
		}
	}

	/** Waits until the saga has caught up; returns how long that took, or NaN. */
	private static double drain(DrillContext context) {
		Instant start = Instant.now();
		return context.awaitQuiet(DRAIN_BOUND) ? Duration.between(start, Instant.now()).toMillis() / 1000.0
				: Double.NaN;
	}

	private UUID placeProbe(URI gateway) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(gateway.resolve("/api/orders"))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", "overload-probe-" + UUID.randomUUID())
				.timeout(REQUEST_TIMEOUT)
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"customerId\":\"c-probe\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 202)
					? UUID.fromString(json.readTree(response.body()).get("orderId").asString()) : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Drill interrupted", ex);
		}
	}

	private void report(DrillContext context, Capacity capacity, List<Cell> cells) {
		Map<UUID, OrderServiceSnapshot.OrderStatus> statuses = new HashMap<>();
		context.orders().forEach((order) -> statuses.put(order.orderId(), order.status()));
		double capacityGoodput = confirmed(capacity.load(), statuses) / seconds(STEP);
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT,
				"%nCapacity %.0f orders/s (goodput %.1f confirmed/s; unloaded p99 %s); static limit %d; "
						+ "%d s per cell, each request sent once (timeout %d s)%n",
				capacity.rate(), capacityGoodput, ms(capacity.unloadedP99()), staticLimit(capacity), BURST.toSeconds(),
				REQUEST_TIMEOUT.toSeconds()));
		table.append(
				"| shedding | offered | goodput/s | of capacity | shed (gateway / services) | admitted p50 | admitted p99 | refusal p99 (client) | gateway refusals within 5 ms | errors | generator drops | reads ok | limit at end | back to baseline | saga drained |\n");
		table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		List<Double> goodputs = cells.stream()
			.map((cell) -> confirmed(cell.load(), statuses) / seconds(BURST))
			.toList();
		for (int i = 0; i < cells.size(); i++) {
			Cell cell = cells.get(i);
			double goodput = goodputs.get(i);
			table.append(String.format(Locale.ROOT,
					"| %s | %dx = %.0f/s | %.1f | %.0f%% | %.1f%% (%.0f / %.0f) | %s | %s | %s | %s | %d | %d | %s | %s | %s | %s |%n",
					cell.mode(), cell.multiple(), cell.rate(), goodput, 100 * goodput / capacityGoodput,
					100 * cell.shedShare(), cell.gatewayShed(), cell.serviceRefused(), ms(cell.admitted().p50()),
					ms(cell.admitted().p99()), ms(cell.refused().p99()),
					Double.isNaN(cell.gatewayWithin5ms()) ? "-"
							: String.format(Locale.ROOT, "%.1f%%", 100 * cell.gatewayWithin5ms()),
					cell.load().count(Outcome.ERROR) + cell.load().count(Outcome.CLIENT_ERROR), cell.load().skipped(),
					(cell.reads() == 0) ? "-"
							: String.format(Locale.ROOT, "%.1f%% of %d", 100.0 * cell.readsOk() / cell.reads(),
									cell.reads()),
					cell.mode().equals("off") ? "-" : String.format(Locale.ROOT, "%.0f", cell.limit()),
					secondsOrNot(cell.recovery()), secondsOrNot(cell.drain())));
		}
		context.narrator().out().println(table);
		context.finding("capacity goodput", "%.1f confirmed orders/s at %.0f orders/s offered", capacityGoodput,
				capacity.rate());
		for (int i = 0; i < cells.size(); i++) {
			Cell cell = cells.get(i);
			context.finding(cell.mode() + " " + cell.multiple() + "x",
					"goodput %.1f/s (%.0f%%), shed %.1f%%, admitted p50 %s p99 %s, refusal p99 %s, reads %d/%d, "
							+ "baseline after %s",
					goodputs.get(i), 100 * goodputs.get(i) / capacityGoodput, 100 * cell.shedShare(),
					ms(cell.admitted().p50()), ms(cell.admitted().p99()), ms(cell.refused().p99()), cell.readsOk(),
					cell.reads(), secondsOrNot(cell.recovery()));
		}
		checkTargets(context, capacity, capacityGoodput, cells, goodputs);
	}

	private static void checkTargets(DrillContext context, Capacity capacity, double capacityGoodput, List<Cell> cells,
			List<Double> goodputs) {
		int at = -1;
		for (int i = 0; i < cells.size(); i++) {
			at = (cells.get(i).mode().equals("adaptive") && cells.get(i).multiple() == 5) ? i : at;
		}
		Cell adaptive5 = cells.get(at);
		double adaptive5Goodput = goodputs.get(at);
		List<String> goodput = (adaptive5Goodput >= 0.9 * capacityGoodput) ? List.of() : List.of(String
			.format(Locale.ROOT, "adaptive at 5x: %.1f confirmed/s < 90%% of %.1f", adaptive5Goodput, capacityGoodput));
		context.check("adaptive shedding at 5x keeps goodput at least 90% of capacity", goodput);
		Duration bound = capacity.unloadedP99().multipliedBy(2);
		List<String> latency = (adaptive5.admitted().p99().compareTo(bound) <= 0) ? List.of()
				: List.of("adaptive at 5x: admitted p99 " + ms(adaptive5.admitted().p99()) + " > 2 x unloaded p99 "
						+ ms(capacity.unloadedP99()));
		context.check("adaptive shedding at 5x keeps admitted p99 within 2x the unloaded p99", latency);
		List<String> reads = new ArrayList<>();
		for (Cell cell : cells) {
			if (cell.multiple() == 5 && !cell.mode().equals("off") && cell.readsOk() < 0.99 * cell.reads()) {
				reads.add(String.format(Locale.ROOT, "%s at 5x: %d of %d reads succeeded", cell.mode(), cell.readsOk(),
						cell.reads()));
			}
		}
		context.check("critical reads succeed at least 99% under 5x writes with shedding on", reads);
		List<String> generator = new ArrayList<>();
		for (Cell cell : cells) {
			if (cell.load().achievedRate() < 0.95 * cell.rate()) {
				generator.add(String.format(Locale.ROOT, "%s %dx: sent %.0f/s of %.0f/s", cell.mode(), cell.multiple(),
						cell.load().achievedRate(), cell.rate()));
			}
		}
		context.check("the load generator kept its schedule (it is not the bottleneck)", generator);
	}

	private static long confirmed(LoadResult load, Map<UUID, OrderServiceSnapshot.OrderStatus> statuses) {
		return load.acknowledgedOrderIds()
			.stream()
			.filter((id) -> statuses.get(id) == OrderServiceSnapshot.OrderStatus.CONFIRMED)
			.count();
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static String ms(Duration latency) {
		return (latency.toMillis() < 10) ? String.format(Locale.ROOT, "%.1f ms", latency.toNanos() / 1e6)
				: (latency.toMillis() < 10_000) ? latency.toMillis() + " ms"
						: String.format(Locale.ROOT, "%.1f s", latency.toMillis() / 1000.0);
	}

	private static String secondsOrNot(double seconds) {
		return Double.isNaN(seconds) ? "not within bound" : String.format(Locale.ROOT, "%.1f s", seconds);
	}

	/**
	 * The capacity found.
	 *
	 * @param rate orders per second
	 * @param load the load at that rate
	 * @param unloadedP99 p99 at the lowest rate of the search
	 */
	record Capacity(double rate, LoadResult load, Duration unloadedP99) {
	}

	/**
	 * One burst: a mode, a multiple of capacity, and what it did.
	 *
	 * @param gatewayShed refusals by the gateway's concurrency limit
	 * @param serviceRefused refusals by order-service's write bulkhead
	 * @param gatewayWithin5ms the share of the gateway's refusals it answered within 5
	 * ms, measured by the gateway (NaN when it refused none)
	 * @param limit the gateway's concurrency limit when the burst ended
	 * @param recovery seconds from the burst's end until probes were back at baseline
	 * @param drain seconds after that until every order was terminal
	 */
	record Cell(String mode, int multiple, double rate, LoadResult load, double gatewayShed, double serviceRefused,
			double gatewayWithin5ms, int readsOk, int readsFailed, double limit, double recovery, double drain) {

		int reads() {
			return this.readsOk + this.readsFailed;
		}

		/** Requests the lab did not refuse: acknowledged, failed or timed out. */
		Latencies admitted() {
			return Latencies.of(this.load.requests().stream().filter((r) -> r.outcome() != Outcome.SHED).toList());
		}

		Latencies refused() {
			return Latencies.of(this.load.requests().stream().filter((r) -> r.outcome() == Outcome.SHED).toList());
		}

		double shedShare() {
			return (this.load.sent() == 0) ? 0 : (double) this.load.count(Outcome.SHED) / this.load.sent();
		}

	}

	/** p50 and p99 of some requests' latencies (zero when there are none). */
	record Latencies(Duration p50, Duration p99) {

		static Latencies of(List<RequestResult> requests) {
			Histogram micros = new Histogram(3_600_000_000L, 3);
			requests.forEach(
					(request) -> micros.recordValue(Math.clamp(request.latency().toNanos() / 1000, 1, 3_600_000_000L)));
			return new Latencies(Duration.ofNanos(micros.getValueAtPercentile(50) * 1000),
					Duration.ofNanos(micros.getValueAtPercentile(99) * 1000));
		}

	}

	/**
	 * Critical reads beside the writes: {@code GET /api/orders/{id}} of orders placed
	 * earlier, at {@link #READ_RATE} on a fixed schedule, each with the request timeout.
	 */
	private final class Reads {

		private final AtomicInteger ok = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);

		private final Thread scheduler;

		Reads(URI gateway, List<UUID> orders) {
			this.scheduler = Thread.ofPlatform().name("overload-reads").daemon().start(() -> {
				try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
					long start = System.nanoTime();
					for (long i = 0; !orders.isEmpty(); i++) {
						long due = start + (long) (i * 1e9 / READ_RATE);
						while (System.nanoTime() < due && System.nanoTime() < this.stopAt.get()) {
							LockSupport.parkNanos(Math.min(due - System.nanoTime(), 10_000_000L));
						}
						if (System.nanoTime() >= this.stopAt.get()) {
							break;
						}
						UUID order = orders.get(ThreadLocalRandom.current().nextInt(orders.size()));
						requests.execute(() -> read(gateway, order));
					}
				}
			});
		}

		private void read(URI gateway, UUID order) {
			try {
				HttpResponse<Void> response = Overload.this.http
					.send(HttpRequest.newBuilder(gateway.resolve("/api/orders/" + order))
						.timeout(REQUEST_TIMEOUT)
						.GET()
						.build(), HttpResponse.BodyHandlers.discarding());
				(response.statusCode() == 200 ? this.ok : this.failed).incrementAndGet();
			}
			catch (IOException ex) {
				this.failed.incrementAndGet();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.failed.incrementAndGet();
			}
		}

		void stop() {
			this.stopAt.set(System.nanoTime());
			try {
				this.scheduler.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
