package dslab.drill.load;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadSettingsTest {

	@ParameterizedTest
	@ValueSource(strings = { "http://example.com:8080", "http://10.0.0.5:8080", "http://192.168.1.10",
			"https://8.8.8.8", "http://[2001:db8::1]:8080", "http://localhost.example.com",
			"http://127.0.0.1.nip.io:8080", "http://128.0.0.1:8080" })
	void refusesGatewaysOffThisMachine(String gateway) {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(gateway))
			.withMessageStartingWith("Refusing to send load to " + URI.create(gateway).getHost())
			.withMessageContaining("only to this machine");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080", "http://LOCALHOST:8080", "http://127.0.0.1:8080",
			"http://127.4.5.6:9080/", "http://[::1]:8080", "https://localhost" })
	void acceptsGatewaysOnThisMachine(String gateway) {
		assertThat(settings(gateway).gateway()).isEqualTo(URI.create(gateway));
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost:8080", "ftp://localhost/", "/api" })
	void refusesAnythingButAnHttpUrl(String gateway) {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(gateway))
			.withMessageContaining("must be an http URL");
	}

	@Test
	void schedulesRateTimesDurationRequestsEvenlySpaced() {
		LoadSettings settings = LoadSettings.of(URI.create("http://localhost:8080"), 200, Duration.ofSeconds(2));

		assertThat(settings.requestCount()).isEqualTo(400);
		assertThat(settings.offsetNanos(1)).isEqualTo(Duration.ofMillis(5).toNanos());
		assertThat(settings.offsetNanos(399)).isEqualTo(Duration.ofMillis(1995).toNanos());
		assertThat(LoadSettings.of(settings.gateway(), 0.5, Duration.ofSeconds(10)).requestCount()).isEqualTo(5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080", "http://localhost:8080/" })
	void postsOrdersToTheGatewaysOrdersPath(String gateway) {
		assertThat(settings(gateway).ordersEndpoint()).isEqualTo(URI.create("http://localhost:8080/api/orders"));
	}

	@Test
	void refusesARateOrDurationThatSendsNothing() {
		URI gateway = URI.create("http://localhost:8080");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.of(gateway, 0, Duration.ofSeconds(1)))
			.withMessageContaining("rate");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.of(gateway, 10, Duration.ZERO))
			.withMessageContaining("duration");
	}

	private static LoadSettings settings(String gateway) {
		return LoadSettings.of(URI.create(gateway), 10, Duration.ofSeconds(1));
	}

}
