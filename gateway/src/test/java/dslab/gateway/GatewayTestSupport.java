package dslab.gateway;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one gateway context the tests share: started on a random port in front of three
 * stub backends, with a short response timeout so a slow backend is quick to test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s")
@AutoConfigureWebTestClient
public abstract class GatewayTestSupport {

	protected static final BackendStub orders = BackendStub.start("order-service");

	protected static final BackendStub payments = BackendStub.start("payment-service");

	protected static final BackendStub stock = BackendStub.start("inventory-service");

	@Autowired
	protected WebTestClient client;

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		registry.add("lab.gateway.order-service", orders::url);
		registry.add("lab.gateway.payment-service", payments::url);
		registry.add("lab.gateway.inventory-service", stock::url);
	}

	@AfterEach
	void resetBackends() {
		allBackends().forEach(BackendStub::reset);
	}

	protected static List<BackendStub> allBackends() {
		return List.of(orders, payments, stock);
	}

	/**
	 * An absolute URI taken literally: the client's URI template would encode {@code %}
	 * and defeat tests of encoded paths.
	 */
	protected URI literal(String pathAndQuery) {
		return URI.create("http://localhost:" + this.port + pathAndQuery);
	}

}
