package dslab.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a user does with curl, through the gateway. */
final class LabClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String gateway;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	LabClient(String gateway) {
		this.gateway = gateway;
	}

	Response placeOrder(String customerId, Map<String, Integer> lines) {
		List<Map<String, Object>> body = lines.entrySet()
			.stream()
			.map((line) -> Map.<String, Object>of("sku", line.getKey(), "quantity", line.getValue()))
			.toList();
		return send(HttpRequest.newBuilder(URI.create(this.gateway + "/api/orders"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", java.util.UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers
				.ofString(json.writeValueAsString(Map.of("customerId", customerId, "lines", body)))));
	}

	JsonNode order(String orderId) {
		return get("/api/orders/" + orderId).body();
	}

	JsonNode stock(String sku) {
		return get("/api/stock/" + sku).body();
	}

	JsonNode allStock() {
		return get("/api/stock").body();
	}

	JsonNode payments(String orderId) {
		return get("/api/payments?orderId=" + orderId).body();
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.gateway + path)).GET());
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
			return new Response(response.statusCode(), response.headers().firstValue("Location").orElse(null),
					response.headers().firstValue("Content-Type").orElse(null), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, String location, String contentType, JsonNode body) {
	}

}
