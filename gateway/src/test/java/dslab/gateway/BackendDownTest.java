package dslab.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dslab.gateway.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway in front of services that are not running. It needs its own context: the
 * shared one has live backends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BackendDownTest {

	private static final String NOTHING_LISTENS = "http://127.0.0.1:" + closedPort();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void backendsThatAreDown(DynamicPropertyRegistry registry) {
		registry.add("lab.gateway.order-service", () -> NOTHING_LISTENS);
		registry.add("lab.gateway.payment-service", () -> NOTHING_LISTENS);
		registry.add("lab.gateway.inventory-service", () -> NOTHING_LISTENS);
	}

	@ParameterizedTest
	@CsvSource({ "/api/orders/1, order-service", "/api/payments/1, payment-service",
			"/api/stock/SKU-1, inventory-service" })
	void answersServiceUnavailableWhenTheBackendIsDown(String path, String service) {
		Map<String, Object> problem = expectProblem(this.client.get().uri(path).exchange(),
				HttpStatus.SERVICE_UNAVAILABLE);

		assertThat(problem.get("detail")).asString()
			.isEqualTo(service + " is not reachable right now; try again later.");
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
