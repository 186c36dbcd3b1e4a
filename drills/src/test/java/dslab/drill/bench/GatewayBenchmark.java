package dslab.drill.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dslab.cluster.ClusterSettings;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's own cost: {@code GET /api/orders/{id}} of one existing order, straight to
 * order-service, through the gateway, and through nginx (when installed), measured in one
 * run with the paths alternating slice by slice so the noise of a shared machine falls on
 * all of them alike. Closed-loop clients find each path's saturation throughput; then
 * every path is offered the same open-loop rate, half the slowest path's saturation, for
 * its p50 and p99. Prints the figures as ratios to direct and a verdict against the
 * targets; writes {@code target/gateway-benchmark.md}. Runs against the running lab: use
 * {@code ./cluster bench gateway}, which starts the lab when it is down.
 */
@Tag("benchmark")
class GatewayBenchmark {

	static final int CLIENTS = Integer.getInteger("bench.clients", 32);

	static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 10));

	static final Duration SATURATION_SLICE = Duration.ofSeconds(Integer.getInteger("bench.slice", 4));

	static final Duration LATENCY_SLICE = Duration.ofSeconds(Integer.getInteger("bench.latency-slice", 5));

	static final int NGINX_PORT = Integer.getInteger("bench.nginx-port", 8090);

	private final ClusterSettings lab = ClusterSettings.fromEnvironment(Path.of("").toAbsolutePath().getParent(),
			System::getenv);

	@Test
	void gatewayCostAgainstDirectAndNginx() throws Exception {
		try (LoadClient load = new LoadClient()) {
			URI orderService = URI.create("http://127.0.0.1:" + this.lab.port("order-service"));
			URI gateway = URI.create("http://127.0.0.1:" + this.lab.port("gateway"));
			requireRunning(load, gateway, orderService);
			String path = "/api/orders/" + placeOrder(load, orderService);

			Optional<Path> nginxBinary = Nginx.binary();
			List<String> notes = new ArrayList<>();
			if (nginxBinary.isEmpty()) {
				notes.add("nginx is not installed (apt-get install -y nginx-light), so only direct and gateway ran.");
				System.out.println("Skipping nginx: not installed (apt-get install -y nginx-light).");
			}
			Path nginxDir = Path.of("target", "gateway-benchmark-nginx");
			try (Nginx nginx = (nginxBinary.isPresent()) ? Nginx.start(nginxBinary.get(),
					new NginxConfig(NGINX_PORT, this.lab.port("order-service"), nginxDir)) : null) {
				Map<String, URI> paths = new LinkedHashMap<>();
				paths.put("direct to order-service", orderService.resolve(path));
				paths.put("through the gateway", gateway.resolve(path));
				if (nginx != null) {
					paths.put("through nginx", URI.create("http://127.0.0.1:" + NGINX_PORT + path));
				}
				for (Map.Entry<String, URI> entry : paths.entrySet()) {
					HttpResponse<String> answer = load.fetch(entry.getValue());
					assertThat(answer.statusCode()).as("GET %s %s", entry.getKey(), entry.getValue()).isEqualTo(200);
				}
				String report = measure(load, paths, nginx, notes);
				Files.writeString(Path.of("target", "gateway-benchmark.md"), report);
				System.out.println(report);
			}
		}
	}

	private String measure(LoadClient load, Map<String, URI> paths, Nginx nginx, List<String> notes) throws Exception {
		List<String> names = List.copyOf(paths.keySet());
		ProcessCpu cpu = new ProcessCpu();
		cpu.add("load generator", ProcessHandle.current());
		cpu.addFromPidFile("order-service", this.lab.runDir());
		cpu.addFromPidFile("gateway", this.lab.runDir());
		if (nginx != null) {
			cpu.add("nginx", nginx.process());
		}
		Map<String, Map<String, Duration>> cpuByPath = new LinkedHashMap<>();
		double loadBefore = load.loadAverage();
		System.out.printf("Warming up each path for %d s (%d closed-loop clients) ...%n", WARM_UP.toSeconds(), CLIENTS);
		for (String name : names) {
			load.closedLoop(paths.get(name), CLIENTS, WARM_UP);
		}

		Optional<LoadClient.Window> ceiling = Optional.empty();
		if (nginx != null) {
			ceiling = Optional.of(load.closedLoop(
					URI.create("http://127.0.0.1:" + NGINX_PORT + NginxConfig.STATIC_PATH), CLIENTS, SATURATION_SLICE));
		}

		Map<String, List<Double>> perRound = new LinkedHashMap<>();
		Map<String, long[]> closed = new LinkedHashMap<>();
		Map<String, Long> closedNanos = new LinkedHashMap<>();
		double maxGeneratorCores = 0;
		for (int round = 0; round < ROUNDS; round++) {
			for (String name : rotated(names, round)) {
				Map<String, Duration> cpuBefore = cpu.snapshot();
				LoadClient.Window window = load.closedLoop(paths.get(name), CLIENTS, SATURATION_SLICE);
				ProcessCpu.since(cpuBefore, cpu.snapshot())
					.forEach((process, used) -> cpuByPath.computeIfAbsent(name, (key) -> new LinkedHashMap<>())
						.merge(process, used, Duration::plus));
				System.out.printf(Locale.ROOT,
						"saturation round %d %-24s %7.0f req/s  (%d errors, generator %.2f cores)%n", round + 1, name,
						window.perSecond(), window.errors(), window.generatorCores());
				perRound.computeIfAbsent(name, (key) -> new ArrayList<>()).add(window.perSecond());
				long[] counts = closed.computeIfAbsent(name, (key) -> new long[2]);
				counts[0] += window.ok();
				counts[1] += window.errors();
				closedNanos.merge(name, window.elapsed().toNanos(), Long::sum);
				maxGeneratorCores = Math.max(maxGeneratorCores, window.generatorCores());
			}
		}
		Map<String, Double> saturation = new LinkedHashMap<>();
		names.forEach((name) -> saturation.put(name, closed.get(name)[0] / (closedNanos.get(name) / 1e9)));
		double rate = GatewayCost.halfLoad(List.copyOf(saturation.values()));

		Map<String, Histogram> latencies = new LinkedHashMap<>();
		Map<String, Long> openErrors = new LinkedHashMap<>();
		Histogram lateness = new Histogram(3);
		for (int round = 0; round < ROUNDS; round++) {
			for (String name : rotated(names, round)) {
				LoadClient.Schedule schedule = load.openLoop(paths.get(name), rate, LATENCY_SLICE);
				System.out.printf(Locale.ROOT, "latency round %d %-24s %.0f req/s  p50 %.2f ms  p99 %.2f ms%n",
						round + 1, name, rate, schedule.latencies().getValueAtPercentile(50) / 1000.0,
						schedule.latencies().getValueAtPercentile(99) / 1000.0);
				latencies.computeIfAbsent(name, (key) -> new Histogram(3)).add(schedule.latencies());
				openErrors.merge(name, schedule.errors(), Long::sum);
				lateness.add(schedule.lateness());
			}
		}

		List<PathFigures> figures = new ArrayList<>();
		for (String name : names) {
			Histogram histogram = latencies.get(name);
			figures.add(new PathFigures(name, saturation.get(name), histogram.getValueAtPercentile(50) / 1000.0,
					histogram.getValueAtPercentile(99) / 1000.0, histogram.getTotalCount(),
					closed.get(name)[1] + openErrors.get(name)));
		}
		GatewayCost cost = new GatewayCost(figures.get(0), figures.get(1),
				(figures.size() > 2) ? Optional.of(figures.get(2)) : Optional.empty());
		double fastest = saturation.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		notes.add(ceiling.map((window) -> String.format(Locale.ROOT,
				"Load generator ceiling (same %d clients against nginx's static answer, no backend): %.0f req/s, %.1fx the fastest path.",
				CLIENTS, window.perSecond(), window.perSecond() / fastest))
			.orElse("Load generator ceiling not measured (needs nginx's static answer)."));
		notes.add(String.format(Locale.ROOT,
				"Load generator CPU during the saturation slices: at most %.2f of %d cores. Open-loop sends late by p50 %.2f ms, p99 %.2f ms, max %.1f ms (counted in the latencies).",
				maxGeneratorCores, Runtime.getRuntime().availableProcessors(),
				lateness.getValueAtPercentile(50) / 1000.0, lateness.getValueAtPercentile(99) / 1000.0,
				lateness.getMaxValue() / 1000.0));
		for (String name : names.subList(1, names.size())) {
			List<Double> ratios = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				ratios.add(perRound.get(name).get(round) / perRound.get(names.get(0)).get(round));
			}
			notes.add(String.format(Locale.ROOT, "Saturation %s / direct, round by round: %s.", name, String.join(", ",
					ratios.stream().map((ratio) -> String.format(Locale.ROOT, "%.2f", ratio)).toList())));
		}
		for (String name : names) {
			long served = closed.get(name)[0];
			notes.add(String.format(Locale.ROOT, "CPU per request at saturation, %s: %s.", name,
					String.join(", ",
							cpuByPath.get(name)
								.entrySet()
								.stream()
								.map((used) -> String.format(Locale.ROOT, "%s %.0f µs", used.getKey(),
										used.getValue().toNanos() / 1000.0 / served))
								.toList())));
		}
		notes.add(String.format(Locale.ROOT,
				"Machine load average (1 min) %.1f at the start, %.1f at the end, on %d cores; the lab JVMs ran with %s.",
				loadBefore, load.loadAverage(), Runtime.getRuntime().availableProcessors(),
				Optional.ofNullable(System.getenv("LAB_JAVA_OPTS"))
					.orElse("the default options (C1 only, serial GC)")));
		return """
				# Benchmark: the gateway's own cost (GET /api/orders/{id})

				One run, paths alternating: %d rounds of %d s closed-loop slices per path (%d clients, keep-alive,
				HTTP/1.1) for saturation, then %d rounds of %d s open-loop slices per path at %.0f req/s (half the
				slowest path's saturation) for latency, measured from each request's intended send time. %d s warm-up
				per path first. Every path ends at the same order-service on the same machine.

				%s
				%s

				%s

				Verdict: %s
				""".formatted(ROUNDS, SATURATION_SLICE.toSeconds(), CLIENTS, ROUNDS, LATENCY_SLICE.toSeconds(), rate,
				WARM_UP.toSeconds(), cost.table(), cost.targets(),
				String.join("\n", notes.stream().map((note) -> "- " + note).toList()), cost.verdict());
	}

	private static List<String> rotated(List<String> names, int round) {
		List<String> order = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			order.add(names.get((i + round) % names.size()));
		}
		return order;
	}

	private static void requireRunning(LoadClient load, URI gateway, URI orderService) throws InterruptedException {
		for (URI health : List.of(gateway.resolve("/actuator/health"), orderService.resolve("/actuator/health"))) {
			try {
				assertThat(load.fetch(health).statusCode()).as("GET %s", health).isEqualTo(200);
			}
			catch (IOException ex) {
				throw new IllegalStateException("The lab is not running (" + health
						+ " unreachable): start it with ./cluster up, or run ./cluster bench gateway", ex);
			}
		}
	}

	/** One order to read back: the benchmark's reads change nothing. */
	private static String placeOrder(LoadClient load, URI orderService) throws IOException, InterruptedException {
		HttpResponse<String> answer = load.post(orderService.resolve("/api/orders"),
				"{\"customerId\":\"c-bench\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}",
				"gateway-bench-" + UUID.randomUUID());
		assertThat(answer.statusCode()).as("POST /api/orders: %s", answer.body()).isEqualTo(202);
		String location = answer.headers().firstValue("Location").orElseThrow();
		return location.substring(location.lastIndexOf('/') + 1);
	}

}
