package dslab.drill.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LoadCommandTest {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final StringWriter errors = new StringWriter();

	private final LoadCommand command = new LoadCommand(new PrintStream(this.output, true, StandardCharsets.UTF_8));

	private final CommandLine commandLine = new CommandLine(this.command).setErr(new PrintWriter(this.errors));

	@Test
	void placesOrdersAtTheGivenRateAndPrintsASummary() {
		try (StubGateway gateway = StubGateway.accepting()) {
			int exitCode = this.commandLine.execute("--gateway", gateway.uri().toString(), "--rate", "20", "--duration",
					"500ms");

			assertThat(exitCode).isZero();
			assertThat(gateway.received()).hasSize(10);
			assertThat(printed()).contains("Sending 10 orders to " + gateway.uri() + "/api/orders")
				.contains("10 sent in")
				.contains("ok 10 ");
		}
	}

	@Test
	void refusesAGatewayOffThisMachineWithAClearError() {
		int exitCode = this.commandLine.execute("--gateway", "http://example.com:8080", "--duration", "1s");

		assertThat(exitCode).isEqualTo(2);
		assertThat(this.errors.toString()).contains("Refusing to send load to example.com");
		assertThat(printed()).doesNotContain("Sending");
	}

	@Test
	void defaultsToTheLibrarysDefaults() {
		this.commandLine.parseArgs();
		LoadSettings settings = this.command.settings();

		assertThat(settings.gateway().getHost()).isEqualTo("localhost");
		assertThat(settings.rate()).isEqualTo(50);
		assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.maxInFlight()).isEqualTo(LoadSettings.DEFAULT_MAX_IN_FLIGHT);
		assertThat(settings.requestTimeout()).isEqualTo(LoadSettings.DEFAULT_REQUEST_TIMEOUT);
		assertThat(settings.retry()).isEqualTo(RetryPolicy.DEFAULT);
		assertThat(settings.mix()).isEqualTo(ShopMix.DEFAULT);
	}

	@ParameterizedTest
	@CsvSource({ "500ms, PT0.5S", "30s, PT30S", "2m, PT2M", "1h, PT1H", "PT1.5S, PT1.5S" })
	void readsDurationsAsPeopleWriteThem(String written, Duration duration) {
		assertThat(new LoadCommand.DurationConverter().convert(written)).isEqualTo(duration);
	}

	@Test
	void refusesADurationItCannotRead() {
		assertThatExceptionOfType(CommandLine.TypeConversionException.class)
			.isThrownBy(() -> new LoadCommand.DurationConverter().convert("soon"))
			.withMessageContaining("write e.g. 500ms");
	}

	private String printed() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

}
