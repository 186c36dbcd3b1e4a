package dslab.drill.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

import tools.jackson.core.JacksonException;

/**
 * Fetches each service's books from its {@code GET /admin/audit}, on the service's own
 * port (the gateway never routes {@code /admin/**}).
 */
public final class AuditClient implements AutoCloseable {

	public static final String DEFAULT_TOKEN = "lab-admin-token";

	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final String PATH = "/admin/audit";

	private final Targets targets;

	private final String token;

	private final Duration timeout;

	private final HttpClient http;

	public AuditClient(Targets targets) {
		this(targets, DEFAULT_TOKEN, DEFAULT_TIMEOUT);
	}

	public AuditClient(Targets targets, String token, Duration timeout) {
		this.targets = Objects.requireNonNull(targets, "targets");
		this.token = Objects.requireNonNull(token, "token");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/** The four snapshots, fetched one after the other. */
	public Snapshots fetchAll() {
		return new Snapshots(orderService(), inventoryService(), paymentService(), paymentProvider());
	}

	public OrderServiceSnapshot orderService() {
		return fetch(this.targets.orderService(), OrderServiceSnapshot.class, OrderServiceSnapshot.SERVICE);
	}

	public InventorySnapshot inventoryService() {
		return fetch(this.targets.inventoryService(), InventorySnapshot.class, InventorySnapshot.SERVICE);
	}

	public PaymentServiceSnapshot paymentService() {
		return fetch(this.targets.paymentService(), PaymentServiceSnapshot.class, PaymentServiceSnapshot.SERVICE);
	}

	public ProviderSnapshot paymentProvider() {
		return fetch(this.targets.paymentProvider(), ProviderSnapshot.class, ProviderSnapshot.SERVICE);
	}

	private <T extends ServiceSnapshot> T fetch(URI base, Class<T> type, String service) {
		URI uri = URI.create(base.toString().replaceAll("/+$", "") + PATH);
		HttpRequest request = HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + this.token)
			.header("Accept", "application/json")
			.timeout(this.timeout)
			.GET()
			.build();
		HttpResponse<String> response = send(request);
		if (response.statusCode() != 200) {
			throw new SnapshotUnavailableException(
					"GET %s answered %d: %s".formatted(uri, response.statusCode(), response.body()));
		}
		T snapshot;
		try {
			snapshot = SnapshotJson.read(response.body(), type);
		}
		catch (JacksonException ex) {
			throw new SnapshotUnavailableException(
					"GET %s did not answer a %s audit snapshot: %s".formatted(uri, service, ex.getOriginalMessage()),
					ex);
		}
		// Catches swapped ports before they turn into a report full of nonsense.
		if (!service.equals(snapshot.service())) {
			throw new SnapshotUnavailableException(
					"GET %s answered the books of %s, expected %s".formatted(uri, snapshot.service(), service));
		}
		return snapshot;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new SnapshotUnavailableException("GET %s failed: %s".formatted(request.uri(), ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SnapshotUnavailableException("Interrupted during GET " + request.uri(), ex);
		}
	}

	@Override
	public void close() {
		this.http.close();
	}

	/**
	 * Where each service listens, e.g. {@code http://localhost:8081} for order-service.
	 *
	 * @param orderService order-service's base URL
	 * @param inventoryService inventory-service's base URL
	 * @param paymentService payment-service's base URL
	 * @param paymentProvider the payment provider's base URL
	 */
	public record Targets(URI orderService, URI inventoryService, URI paymentService, URI paymentProvider) {

		public Targets {
			Objects.requireNonNull(orderService, "orderService");
			Objects.requireNonNull(inventoryService, "inventoryService");
			Objects.requireNonNull(paymentService, "paymentService");
			Objects.requireNonNull(paymentProvider, "paymentProvider");
		}

		/** The ports {@code ./cluster up} uses by default. */
		public static Targets localhost() {
			return new Targets(URI.create("http://localhost:8081"), URI.create("http://localhost:8083"),
					URI.create("http://localhost:8082"), URI.create("http://localhost:8084"));
		}

	}

}
