package dslab.gateway.shedding;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dslab.gateway.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shedding mode, the static limit and the client quota change at run time through the
 * control port, with the admin token, and never through the public port.
 */
class ControlPortTest extends SheddingTestSupport {

	private static final String TOKEN = "Bearer lab-admin-token";

	@Autowired
	ControlPort controlPort;

	@Test
	void showsWhatIsInForce() {
		control().get()
			.uri("/admin/shedding")
			.header("Authorization", TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"mode\":\"static\",\"staticLimit\":10,\"limit\":10,\"clientLimit\":500}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Bearer wrong-token", "lab-admin-token", "Basic bGFiOmxhYg==" })
	void refusesAChangeWithoutTheAdminToken(String authorization) {
		control().put().uri("/admin/shedding").headers((headers) -> {
			if (!authorization.isEmpty()) {
				headers.set("Authorization", authorization);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"mode\":\"off\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(this.admission.settings().mode()).isEqualTo(Mode.STATIC);
	}

	@Test
	void turnsSheddingOffAtRunTime() {
		change("{\"mode\":\"off\"}").expectBody().jsonPath("$.mode").isEqualTo("off").jsonPath("$.limit").isEqualTo(0);
		orders.holdResponses();

		// Beyond the static limit of 10: nothing is refused any more.
		holdInFlight(orders, 12, (web) -> web.post().uri("/api/orders").bodyValue("{}"));

		assertThat(this.registry.get("lab.gateway.shedding.mode").tag("mode", "off").gauge().value()).isEqualTo(1);
	}

	@Test
	void changesTheStaticLimitAtRunTime() {
		change("{\"staticLimit\":3}").expectBody()
			.jsonPath("$.mode")
			.isEqualTo("static")
			.jsonPath("$.limit")
			.isEqualTo(3);
		orders.holdResponses();
		holdInFlight(orders, 3, (web) -> web.post().uri("/api/orders").bodyValue("{}"));

		expectProblem(this.client.post().uri("/api/orders").bodyValue("{}").exchange(), HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(orders.received()).hasSize(3);
	}

	@Test
	void switchesToTheAdaptiveLimitAtRunTime() {
		change("{\"mode\":\"ADAPTIVE\"}").expectBody()
			.jsonPath("$.mode")
			.isEqualTo("adaptive")
			.jsonPath("$.limit")
			.isEqualTo(20);

		assertThat(this.registry.get("lab.gateway.concurrency.limit").gauge().value()).isEqualTo(20);
		this.client.get().uri("/api/stock/SKU-1").exchange().expectStatus().isOk();
	}

	@Test
	void changesTheClientQuotaAtRunTime() {
		change("{\"clientLimit\":7}").expectBody().jsonPath("$.clientLimit").isEqualTo(7);

		this.client.get()
			.uri("/api/stock/SKU-1")
			.header("X-Client-Id", "quota-changed")
			.exchange()
			.expectHeader()
			.valueEquals("RateLimit-Policy", "\"per-client\";q=7;w=1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"mode\":\"fast\"}", "{\"staticLimit\":0}", "{\"clientLimit\":-1}", "not json" })
	void refusesAnInvalidChangeAndKeepsWhatIsInForce(String body) {
		change(body, HttpStatus.BAD_REQUEST);

		assertThat(this.admission.settings()).isEqualTo(new AdmissionControl.Settings(Mode.STATIC, 10, 10));
		assertThat(this.clientLimits.limit()).isEqualTo(500);
	}

	@Test
	void isNotReachableThroughThePublicPort() {
		Map<String, Object> problem = expectProblem(this.client.put()
			.uri("/admin/shedding")
			.header("Authorization", TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"mode\":\"off\"}")
			.exchange(), HttpStatus.NOT_FOUND);

		assertThat(problem).containsEntry("title", "No route");
		assertThat(this.admission.settings().mode()).isEqualTo(Mode.STATIC);
		allBackends().forEach((backend) -> assertThat(backend.received()).isEmpty());
	}

	private WebTestClient.ResponseSpec change(String body) {
		return change(body, HttpStatus.OK);
	}

	private WebTestClient.ResponseSpec change(String body, HttpStatus expected) {
		WebTestClient.ResponseSpec response = control().put()
			.uri("/admin/shedding")
			.header("Authorization", TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
		response.expectStatus().isEqualTo(expected);
		return response;
	}

	private WebTestClient control() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.controlPort.port()).build();
	}

}
