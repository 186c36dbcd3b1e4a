package dslab.gateway;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request leaves the gateway with exactly one safe X-Request-Id, seen by backend
 * and caller alike.
 */
class RequestIdTest extends GatewayTestSupport {

	@Test
	void createsARequestIdWhenTheCallerSendsNone() {
		String requestId = this.client.get()
			.uri("/api/orders/1")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(RequestIdFilter.HEADER);

		assertThat(UUID.fromString(requestId)).hasToString(requestId);
		assertThat(orders.received()).singleElement()
			.satisfies(
					(request) -> assertThat(request.headers().get(RequestIdFilter.HEADER)).containsExactly(requestId));
	}

	@Test
	void passesAValidRequestIdThrough() {
		this.client.get()
			.uri("/api/stock/SKU-1")
			.header(RequestIdFilter.HEADER, "checkout-42.retry_1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values(RequestIdFilter.HEADER, (values) -> assertThat(values).containsExactly("checkout-42.retry_1"));

		assertThat(stock.received()).singleElement()
			.satisfies((request) -> assertThat(request.headers().get(RequestIdFilter.HEADER))
				.containsExactly("checkout-42.retry_1"));
	}

	static Stream<String> unsafeRequestIds() {
		return Stream.of("two words", "<script>alert(1)</script>", "a".repeat(65), "");
	}

	@ParameterizedTest
	@MethodSource("unsafeRequestIds")
	void replacesAnUnsafeRequestIdWithANewOne(String unsafe) {
		String requestId = this.client.get()
			.uri("/api/payments/1")
			.header(RequestIdFilter.HEADER, unsafe)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(RequestIdFilter.HEADER);

		assertThat(UUID.fromString(requestId)).hasToString(requestId);
		assertThat(payments.received()).singleElement()
			.satisfies(
					(request) -> assertThat(request.headers().get(RequestIdFilter.HEADER)).containsExactly(requestId));
	}

}
