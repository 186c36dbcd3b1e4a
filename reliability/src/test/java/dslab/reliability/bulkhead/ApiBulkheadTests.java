package dslab.reliability.bulkhead;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API bulkheads over real HTTP: two writes and two reads at once, a database pool of
 * two connections that waits at most 250 ms for one.
 */
@SpringBootTest(classes = ApiBulkheadTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=bulkhead-test", "spring.threads.virtual.enabled=true",
				"lab.bulkhead.writes=2", "lab.bulkhead.reads=2", "spring.datasource.url=jdbc:h2:mem:bulkhead",
				"spring.datasource.hikari.maximum-pool-size=2", "spring.flyway.enabled=false",
				"spring.datasource.hikari.connection-timeout=250",
				"management.endpoints.web.exposure.include=health,prometheus" })
class ApiBulkheadTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<CompletableFuture<HttpResponse<String>>> blocked = new ArrayList<>();

	@LocalServerPort
	private int port;

	@Autowired
	private TestApplication application;

	@BeforeEach
	void closeTheGate() {
		this.application.gate = new CountDownLatch(1);
		this.application.work.set(0);
	}

	@AfterEach
	void release() {
		this.application.gate.countDown();
		this.blocked.forEach(CompletableFuture::join);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.application.holding).hasValue(0));
	}

	@Test
	void refusesAWriteBeyondTheLimitAtOnceAndItChangesNothing() throws Exception {
		fill("POST", "/api/hold", 2);

		long start = System.nanoTime();
		HttpResponse<String> refused = send("POST", "/api/work");
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"status\":503").contains("limit of 2 concurrent writes");
		assertThat(took).isLessThan(Duration.ofMillis(500));
		assertThat(this.application.work).hasValue(0);

		this.application.gate.countDown();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(send("POST", "/api/work").statusCode()).isEqualTo(200);
			assertThat(this.application.work).hasValue(1);
		});
	}

	@Test
	void readsKeepTheirOwnSlotsWhileWritesAreFull() throws Exception {
		fill("POST", "/api/hold", 2);

		assertThat(send("POST", "/api/work").statusCode()).isEqualTo(503);
		assertThat(send("GET", "/api/ping").statusCode()).isEqualTo(200);
	}

	@Test
	void neverLimitsActuatorOrPathsOutsideTheApi() throws Exception {
		fill("GET", "/api/hold", 2);
		fill("POST", "/api/hold", 2);

		assertThat(send("GET", "/api/ping").statusCode()).isEqualTo(503);
		assertThat(send("GET", "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(send("GET", "/outside").statusCode()).isEqualTo(200);
		HttpResponse<String> metrics = send("GET", "/actuator/prometheus");
		assertThat(metrics.body()).contains("lab_bulkhead_rejected_total{name=\"api-reads\"}")
			.contains("resilience4j_bulkhead_available_concurrent_calls{name=\"api-reads\"} 0.0")
			.contains("resilience4j_bulkhead_available_concurrent_calls{name=\"api-writes\"} 0.0");
	}

	@Test
	void answers503WhenNoDatabaseConnectionIsFreeWithinTheTimeout() throws Exception {
		fill("POST", "/api/hold-connection", 2);

		long start = System.nanoTime();
		HttpResponse<String> refused = send("GET", "/api/count");
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.body()).contains("database connection");
		assertThat(took).isLessThan(Duration.ofSeconds(2));
	}

	/**
	 * Starts {@code count} requests that hold their slot until the test releases them.
	 */
	private void fill(String method, String path, int count) {
		int before = this.application.holding.get();
		for (int i = 0; i < count; i++) {
			this.blocked.add(this.http.sendAsync(request(method, path), HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.application.holding).hasValue(before + count));
	}

	private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		return this.http.send(request(method, path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String method, String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(TestApplication.Api.class)
	static class TestApplication {

		volatile CountDownLatch gate = new CountDownLatch(1);

		final AtomicInteger holding = new AtomicInteger();

		final AtomicInteger work = new AtomicInteger();

		@RestController
		static class Api {

			private final TestApplication application;

			private final JdbcClient jdbc;

			Api(TestApplication application, JdbcClient jdbc) {
				this.application = application;
				this.jdbc = jdbc;
			}

			@GetMapping("/api/ping")
			String ping() {
				return "pong";
			}

			@GetMapping("/outside")
			String outside() {
				return "outside";
			}

			@PostMapping("/api/work")
			String work() {
				this.application.work.incrementAndGet();
				return "done";
			}

			@GetMapping("/api/hold")
			String holdRead() throws InterruptedException {
				return hold();
			}

			@PostMapping("/api/hold")
			String hold() throws InterruptedException {
				this.application.holding.incrementAndGet();
				try {
					this.application.gate.await(20, TimeUnit.SECONDS);
					return "held";
				}
				finally {
					this.application.holding.decrementAndGet();
				}
			}

			@PostMapping("/api/hold-connection")
			@Transactional
			String holdConnection() throws InterruptedException {
				this.jdbc.sql("SELECT 1").query(Integer.class).single();
				return hold();
			}

			@GetMapping("/api/count")
			Integer count() {
				return this.jdbc.sql("SELECT 1").query(Integer.class).single();
			}

		}

	}

}
