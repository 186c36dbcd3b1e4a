package dslab.gateway.shedding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** How a request's priority is decided, and what is never limited at all. */
class PriorityTest {

	@ParameterizedTest
	@CsvSource({ "GET, /api/orders/1, , CRITICAL", "HEAD, /api/stock/SKU-1, , CRITICAL", "POST, /api/orders, , NORMAL",
			"PUT, /api/stock/SKU-1, , NORMAL", "POST, /api/orders, batch, BATCH",
			"GET, /api/orders/1, Sheddable, BATCH", "POST, /api/orders, critical, NORMAL",
			"POST, /api/orders, urgent, NORMAL" })
	void classifiesByMethodAndLetsARequestOnlyLowerItsPriority(String method, String path, String declared,
			Priority expected) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.method(HttpMethod.valueOf(method), path);
		if (declared != null) {
			request.header("X-Request-Priority", declared);
		}

		assertThat(Priority.of(request.build(), "X-Request-Priority")).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/health/readiness", "/actuator/health/liveness",
			"/actuator/prometheus" })
	void exemptsHealthAndMetrics(String path) {
		assertThat(Priority.isExempt(MockServerHttpRequest.get(path).build())).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/orders", "/actuatorx", "/api/actuator/health" })
	void limitsEverythingElse(String path) {
		assertThat(Priority.isExempt(MockServerHttpRequest.get(path).build())).isFalse();
	}

}
