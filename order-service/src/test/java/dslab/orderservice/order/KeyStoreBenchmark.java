package dslab.orderservice.order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import dslab.cluster.KafkaBroker;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the idempotency-key store costs {@code POST /api/orders}: one run sends requests
 * at a fixed rate, alternating between the real endpoint and a copy without the key
 * store, over real HTTP, and compares their p50 and p99 latency (from each request's
 * intended send time, so a stall is not hidden). Prints the figures and a verdict against
 * the target: the key store at most doubles the median. Run it with
 * {@code ./cluster bench key-store}.
 */
@Tag("benchmark")
@Import(KeyStoreBenchmark.NoKeyStoreController.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:bench-${random.uuid}"
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class KeyStoreBenchmark {

	static final double RATE_PER_VARIANT = Double.parseDouble(System.getProperty("bench.rate", "50"));

	static final Duration WARM_UP = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup", "15")));

	static final Duration MEASURE = Duration.ofSeconds(Long.parseLong(System.getProperty("bench.seconds", "60")));

	static final double TARGET_P50_RATIO = 2.0;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", KafkaBroker::shared);
	}

	@Test
	void keyStoreCostOnPlaceOrder() throws Exception {
		run(WARM_UP, new Histogram(3), new Histogram(3));
		Histogram withStore = new Histogram(3);
		Histogram withoutStore = new Histogram(3);
		long errors = run(MEASURE, withStore, withoutStore);

		double p50Ratio = p(withStore, 50) / p(withoutStore, 50);
		double p99Ratio = p(withStore, 99) / p(withoutStore, 99);
		String verdict = (p50Ratio <= TARGET_P50_RATIO) ? "PASS" : "FAIL";
		String report = """
				# Benchmark: the idempotency-key store on POST /api/orders

				%.0f requests/s to each variant, alternating, for %d s after a %d s warm-up; H2 in memory,
				one Kafka broker; latency from the intended send time. %d requests failed.

				| variant | requests | p50 (ms) | p99 (ms) | max (ms) |
				| --- | --- | --- | --- | --- |
				| with the key store (POST /api/orders) | %d | %.2f | %.2f | %.2f |
				| without it (same saga, no key) | %d | %.2f | %.2f | %.2f |
				| ratio with / without | | %.2f | %.2f | |

				Verdict: %s (target: p50 ratio at most %.1f)
				""".formatted(RATE_PER_VARIANT, MEASURE.toSeconds(), WARM_UP.toSeconds(), errors,
				withStore.getTotalCount(), p(withStore, 50), p(withStore, 99), withStore.getMaxValue() / 1000.0,
				withoutStore.getTotalCount(), p(withoutStore, 50), p(withoutStore, 99),
				withoutStore.getMaxValue() / 1000.0, p50Ratio, p99Ratio, verdict, TARGET_P50_RATIO);
		Path file = Path.of("target", "key-store-benchmark.md");
		Files.writeString(file, report);
		System.out.println(report);
		assertThat(errors).as("requests that did not get a 202: the comparison is void").isZero();
	}

	/**
	 * Sends at the fixed rate, alternating variants, and records each latency in
	 * microseconds.
	 * @return requests that did not get a 202
	 */
	private long run(Duration duration, Histogram withStore, Histogram withoutStore) throws Exception {
		long intervalNanos = (long) (1e9 / (2 * RATE_PER_VARIANT));
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		List<Future<Boolean>> sent = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (long i = 0;; i++) {
				long intended = start + i * intervalNanos;
				if (intended >= end) {
					break;
				}
				LockSupport.parkNanos(intended - System.nanoTime());
				boolean keyed = i % 2 == 0;
				sent.add(threads.submit(() -> send(keyed, intended, keyed ? withStore : withoutStore)));
			}
			long errors = 0;
			for (Future<Boolean> request : sent) {
				errors += request.get() ? 0 : 1;
			}
			return errors;
		}
	}

	private boolean send(boolean keyed, long intendedNanos, Histogram latencies) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + this.port + (keyed ? "/api/orders" : NoKeyStoreController.PATH)))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"customerId\":\"c-bench\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}"));
		if (keyed) {
			request.header("Idempotency-Key", UUID.randomUUID().toString());
		}
		try {
			HttpResponse<Void> response = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
			synchronized (latencies) {
				latencies.recordValue((System.nanoTime() - intendedNanos) / 1000);
			}
			return response.statusCode() == 202;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static double p(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	/**
	 * The order endpoint as it would be without the key store: the same saga step.
	 * Imported by this benchmark only (component scanning skips classes nested in tests).
	 */
	@RestController
	static class NoKeyStoreController {

		static final String PATH = "/bench/orders-without-key-store";

		private final OrderSaga saga;

		NoKeyStoreController(OrderSaga saga) {
			this.saga = saga;
		}

		@PostMapping(PATH)
		ResponseEntity<OrderAccepted> place(@RequestBody PlaceOrderRequest request) {
			Order order = this.saga.place(request.customerId(), request.orderLines(), null);
			return ResponseEntity.accepted()
				.location(URI.create("/api/orders/" + order.id()))
				.body(new OrderAccepted(order.id().value(), order.status()));
		}

	}

}
