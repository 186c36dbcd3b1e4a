package dslab.reliability.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dslab.reliability.inbox.Inbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code /admin/faults} and the {@code http} faults over real HTTP, in a service without
 * messaging (no event catalog), as the payment provider is.
 */
@SpringBootTest(classes = FaultsAdminTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=faults-test", "lab.faults.drop-hold=300ms" })
class FaultsAdminTests {

	private static final String TOKEN = "Bearer lab-admin-token";

	private static final String KNOBS = """
			{"latency":{"consume":{"fixed":"200ms","jitter":"100ms"}},"errorRate":{"http":0.2},"rejectRate":{"consume":0.1},
			"crashPoints":["after-effect-before-offset-commit"],"dropResponseRate":{"charge":0.3}}""";

	private static final String NO_FAULTS = """
			{"latency":{},"errorRate":{},"rejectRate":{},"freezeSeconds":0,"crashPoints":[],"dropResponseRate":{},"dropHold":"300ms"}""";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private TestApplication application;

	@AfterEach
	void clearFaults() throws Exception {
		send(request("/admin/faults").header("Authorization", TOKEN).DELETE());
	}

	@Test
	void refusesAdminRequestsWithoutTheToken() throws Exception {
		HttpResponse<String> answer = send(request("/admin/faults").GET());

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void setsShowsAndClearsKnobs() throws Exception {
		HttpResponse<String> set = post(KNOBS);
		assertThat(set.statusCode()).as(set::body).isEqualTo(200);
		assertThat(body(set)).isEqualTo(this.json.readTree(
				"""
						{"latency":{"consume":{"fixed":"200ms","jitter":"100ms"}},"errorRate":{"http":0.2},"rejectRate":{"consume":0.1},"freezeSeconds":0,
						"crashPoints":["after-effect-before-offset-commit"],"dropResponseRate":{"charge":0.3},"dropHold":"300ms"}"""));

		post("""
				{"errorRate":{"http":0,"publish":0.5},"crashPoints":["after-db-commit-before-publish"]}""");

		JsonNode merged = body(send(request("/admin/faults").header("Authorization", TOKEN).GET()));
		assertThat(merged.get("errorRate")).isEqualTo(this.json.readTree("{\"publish\":0.5}"));
		assertThat(merged.get("latency").propertyNames()).containsExactly("consume");
		assertThat(merged.get("crashPoints")).isEqualTo(
				this.json.readTree("[\"after-db-commit-before-publish\",\"after-effect-before-offset-commit\"]"));

		HttpResponse<String> cleared = send(request("/admin/faults").header("Authorization", TOKEN).DELETE());
		assertThat(body(cleared)).isEqualTo(this.json.readTree(NO_FAULTS));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"errorRate\":{\"http\":1.5}}", "{\"dropResponseRate\":{\"charge\":-0.1}}",
			"{\"latency\":{\"consume\":{\"fixed\":\"-200ms\"}}}", "{\"crashPoints\":[\"before-breakfast\"]}",
			"{\"errorRate\":{\"htp\":0.5}}", "{\"freezeSeconds\":-1}",
			"{\"latency\":{\"consume\":{\"fixed\":\"soon\"}}}", "{\"errorRates\":{\"http\":0.5}}",
			"{\"rejectRate\":{\"http\":0.5}}", "{\"rejectRate\":{\"consume\":1.5}}", "not json" })
	void rejectsInvalidKnobsAndChangesNothing(String invalid) throws Exception {
		post(KNOBS);
		JsonNode before = body(send(request("/admin/faults").header("Authorization", TOKEN).GET()));

		HttpResponse<String> answer = post(invalid);

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(body(answer).get("detail").asString()).startsWith("Nothing was changed");
		assertThat(body(send(request("/admin/faults").header("Authorization", TOKEN).GET()))).isEqualTo(before);
	}

	@Test
	void namesTheKnobThatNeedsFixing() throws Exception {
		HttpResponse<String> answer = post("""
				{"errorRate":{"http":1.5},"crashPoints":["before-breakfast"],"latency":{"consume":{"fixed":"-1s"}}}""");

		assertThat(body(answer).get("errors")).isEqualTo(this.json.readTree("""
				[{"field":"crashPoints","message":"must name a crash point: %s"},
				{"field":"errorRate.http","message":"must be a rate from 0.0 to 1.0"},
				{"field":"latency.consume.fixed","message":"must not be negative"}]""".formatted(CrashPoint.NAMES)));
	}

	@Test
	void namesAnUnknownKnob() throws Exception {
		HttpResponse<String> answer = post("{\"latency\":{\"http\":{\"fixd\":\"1s\"}}}");

		assertThat(body(answer).get("detail").asString())
			.isEqualTo("Nothing was changed: there is no knob 'fixd' there; known are [fixed, jitter].");
	}

	@Test
	void failsApiRequestsWithAnHttpErrorRateButNeverAdminOrActuator() throws Exception {
		post("{\"errorRate\":{\"http\":1.0}}");

		HttpResponse<String> answer = send(request("/api/ping").GET());

		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(body(answer).get("title").asString()).isEqualTo("Injected fault");
		assertThat(body(answer).get("instance").asString()).isEqualTo("/api/ping");
		assertThat(send(request("/actuator/health").GET()).statusCode()).isEqualTo(200);
		assertThat(send(request("/admin/faults").header("Authorization", TOKEN).GET()).statusCode()).isEqualTo(200);
	}

	@Test
	void answers503ForAFaultInjectedIntoAHandler() throws Exception {
		post("{\"errorRate\":{\"charge\":1.0}}");

		HttpResponse<String> answer = send(request("/api/work").POST(HttpRequest.BodyPublishers.noBody()));

		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(body(answer).get("title").asString()).isEqualTo("Injected fault");
	}

	@Test
	void dropsTheReplyOfWorkDoneSoTheCallerTimesOut() throws Exception {
		post("{\"dropResponseRate\":{\"charge\":1.0}}");
		int before = this.application.work.get();

		assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(() -> send(
				request("/api/work").timeout(Duration.ofMillis(150)).POST(HttpRequest.BodyPublishers.noBody())));

		assertThat(this.application.work.get()).isEqualTo(before + 1);
	}

	@Test
	void needsNeitherAnEventCatalogNorOutboxTables(@Autowired ApplicationContext context, @Autowired JdbcClient jdbc) {
		assertThat(context.getBeanNamesForType(Faults.class)).hasSize(1);
		assertThat(context.getBeanNamesForType(Inbox.class)).isEmpty();
		assertThat(jdbc
			.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) IN ('outbox', 'inbox')")
			.query(Long.class)
			.single()).isZero();
	}

	private HttpResponse<String> post(String body) throws IOException, InterruptedException {
		return send(request("/admin/faults").header("Authorization", TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode body(HttpResponse<String> answer) {
		return this.json.readTree(answer.body());
	}

	/** A service without messaging, with one API endpoint and one hooked unit of work. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(TestApplication.Api.class)
	static class TestApplication {

		final AtomicInteger work = new AtomicInteger();

		final List<Integer> halts = new CopyOnWriteArrayList<>();

		@Bean
		Halt halt() {
			return this.halts::add;
		}

		@RestController
		static class Api {

			private final Faults faults;

			private final TestApplication application;

			Api(Faults faults, TestApplication application) {
				this.faults = faults;
				this.application = application;
			}

			@GetMapping("/api/ping")
			String ping() {
				return "pong";
			}

			@PostMapping("/api/work")
			String work() {
				this.faults.inject(Operation.CHARGE);
				this.application.work.incrementAndGet();
				this.faults.beforeReply(Operation.CHARGE);
				return "done";
			}

		}

	}

}
