package dslab.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule that decides which paths may be forwarded at all. */
class PathGuardTest {

	@ParameterizedTest
	@ValueSource(strings = { "/api/orders", "/api/orders/", "/api/orders/0b7e6d1c-5f1e-4a4e-9a57-3f3c2b1a0d9e",
			"/api/stock/SKU-1.2", "/api/orders/a..b", "/api/orders/...", "/api/payments/x;v=1", "/api/orders/a%20b" })
	void letsOrdinaryPathsThrough(String rawPath) {
		assertThat(PathGuard.isUnsafe(rawPath)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/orders/..", "/api/orders/../admin", "/api/orders/./x", "/api/orders/..;/admin",
			"/api/orders/.;x/admin", "/api/orders/%2e%2e/admin", "/api/orders/%2E./admin", "/api/orders/a%2fb",
			"/api/orders/a%2Fb", "/api/orders/a%5cb", "/api/orders/a\\..\\b", "/api/orders/%252e%252e/admin" })
	void refusesDotSegmentsAndEncodedSeparators(String rawPath) {
		assertThat(PathGuard.isUnsafe(rawPath)).isTrue();
	}

}
