package dslab.drill.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuditClientTest {

	private static final List<String> SERVICES = List.of("order-service", "inventory-service", "payment-service",
			"payment-provider");

	/** Each fake service's answer, by the context path it is served under. */
	private final Map<String, String> documents = new ConcurrentHashMap<>();

	private final Map<String, String> authorizations = new ConcurrentHashMap<>();

	private HttpServer server;

	@BeforeEach
	void startFakeServices() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		for (String service : SERVICES) {
			this.documents.put(service, SnapshotJsonTest.example(service));
			this.server.createContext("/" + service + "/admin/audit", (exchange) -> {
				String authorization = exchange.getRequestHeaders().getFirst("Authorization");
				this.authorizations.put(service, String.valueOf(authorization));
				boolean allowed = ("Bearer " + AuditClient.DEFAULT_TOKEN).equals(authorization);
				byte[] body = (allowed ? this.documents.get(service) : "{\"title\":\"Unauthorized\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
		}
		this.server.start();
	}

	@AfterEach
	void stopFakeServices() {
		this.server.stop(0);
	}

	@Test
	void fetchesTheFourSnapshotsWithTheAdminToken() {
		try (AuditClient client = new AuditClient(
				targets("order-service", "inventory-service", "payment-service", "payment-provider/"))) {
			Snapshots snapshots = client.fetchAll();

			assertThat(snapshots.orders().orders()).hasSize(3);
			assertThat(snapshots.inventory().stock()).hasSize(2);
			assertThat(snapshots.payments().payments()).hasSize(2);
			assertThat(snapshots.provider().charges()).hasSize(2);
		}
		assertThat(this.authorizations).hasSize(4)
			.allSatisfy((service, header) -> assertThat(header).isEqualTo("Bearer lab-admin-token"));
	}

	@Test
	void namesTheUrlAndStatusWhenTheServiceRefuses() {
		try (AuditClient client = new AuditClient(
				targets("order-service", "inventory-service", "payment-service", "payment-provider"), "wrong-token",
				Duration.ofSeconds(5))) {
			assertThatExceptionOfType(SnapshotUnavailableException.class).isThrownBy(client::inventoryService)
				.withMessageContaining(base() + "/inventory-service/admin/audit")
				.withMessageContaining("401");
		}
	}

	@Test
	void refusesTheBooksOfAnotherServiceThanExpected() {
		try (AuditClient client = new AuditClient(
				targets("payment-service", "inventory-service", "order-service", "payment-provider"))) {
			assertThatExceptionOfType(SnapshotUnavailableException.class).isThrownBy(client::orderService)
				.withMessageContaining("payment-service")
				.withMessageContaining("expected order-service");
		}
	}

	@Test
	void namesTheUrlWhenTheAnswerIsNotASnapshot() {
		this.documents.put("payment-provider", "<html>gateway</html>");
		try (AuditClient client = new AuditClient(
				targets("order-service", "inventory-service", "payment-service", "payment-provider"))) {
			assertThatExceptionOfType(SnapshotUnavailableException.class).isThrownBy(client::paymentProvider)
				.withMessageContaining("/payment-provider/admin/audit")
				.withMessageContaining("did not answer a payment-provider audit snapshot");
		}
	}

	@Test
	void namesTheUrlWhenNoServiceListens() {
		URI nowhere = URI.create(base() + "/order-service");
		this.server.stop(0);
		try (AuditClient client = new AuditClient(new AuditClient.Targets(nowhere, nowhere, nowhere, nowhere), "t",
				Duration.ofSeconds(2))) {
			assertThatExceptionOfType(SnapshotUnavailableException.class).isThrownBy(client::orderService)
				.withMessageContaining(nowhere + "/admin/audit");
		}
	}

	private AuditClient.Targets targets(String order, String inventory, String payment, String provider) {
		return new AuditClient.Targets(URI.create(base() + "/" + order), URI.create(base() + "/" + inventory),
				URI.create(base() + "/" + payment), URI.create(base() + "/" + provider));
	}

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

}
