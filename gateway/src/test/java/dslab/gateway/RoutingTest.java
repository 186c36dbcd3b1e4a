package dslab.gateway;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What the gateway forwards: each prefix to its service, request and answer unchanged.
 */
class RoutingTest extends GatewayTestSupport {

	static Stream<Arguments> routedPaths() {
		return Stream.of(arguments("/api/orders", orders),
				arguments("/api/orders/7c1d9e2a?view=full&note=a%20b", orders),
				arguments("/api/payments?orderId=42", payments), arguments("/api/payments/pay-1", payments),
				arguments("/api/stock", stock), arguments("/api/stock/SKU-1?warehouse=north", stock));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("routedPaths")
	void forwardsEachPrefixToItsServiceWithPathAndQueryIntact(String pathAndQuery, BackendStub backend) {
		this.client.get()
			.uri(literal(pathAndQuery))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(backend.marker());

		assertThat(backend.received()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.uri()).isEqualTo(pathAndQuery);
		});
		allBackends().stream()
			.filter((other) -> other != backend)
			.forEach((other) -> assertThat(other.received()).as(other + " received").isEmpty());
	}

	@Test
	void returnsTheBackendsStatusHeadersAndBodyUnchanged() {
		String placed = "{\"orderId\":\"0b7e6d1c-5f1e-4a4e-9a57-3f3c2b1a0d9e\",\"status\":\"PENDING\"}";
		orders.replyWith(202, Map.of("Location", "/api/orders/0b7e6d1c-5f1e-4a4e-9a57-3f3c2b1a0d9e", "Content-Type",
				"application/json"), placed);
		String order = "{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2}]}";

		this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "try-1")
			.bodyValue(order)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.location("/api/orders/0b7e6d1c-5f1e-4a4e-9a57-3f3c2b1a0d9e")
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.isEqualTo(placed);

		assertThat(orders.received()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.uri()).isEqualTo("/api/orders");
			assertThat(request.body()).isEqualTo(order);
			assertThat(request.headers().getFirst("Idempotency-Key")).isEqualTo("try-1");
			assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
		});
	}

	@Test
	void passesABackendsOwnErrorThroughUnchanged() {
		String notFound = "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No payment for order 42.\"}";
		payments.replyWith(404, Map.of("Content-Type", "application/problem+json"), notFound);

		this.client.get()
			.uri("/api/payments/42")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.isEqualTo(notFound);
	}

}
