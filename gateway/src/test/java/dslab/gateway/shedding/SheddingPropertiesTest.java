package dslab.gateway.shedding;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shedding numbers bind with their defaults, and nonsense stops the gateway at start.
 */
class SheddingPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@Test
	void bindsTheDefaults() {
		this.runner.run((context) -> {
			SheddingProperties properties = context.getBean(SheddingProperties.class);
			assertThat(properties.mode()).isEqualTo(Mode.ADAPTIVE);
			assertThat(properties.staticLimit()).isEqualTo(100);
			assertThat(properties.shares()).isEqualTo(new SheddingProperties.Shares(0.5, 0.4, 0.1));
			assertThat(properties.clientRate().period()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.control().port()).isEqualTo(9080);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "lab.gateway.shedding.mode=fast", "lab.gateway.shedding.static-limit=0",
			"lab.gateway.shedding.shares.batch=0.2", "lab.gateway.shedding.adaptive.min-limit=50",
			"lab.gateway.shedding.client-rate.period=500ms", "lab.gateway.shedding.retry-after=0s",
			"lab.gateway.shedding.control.port=70000" })
	void refusesToStartWithNonsense(String property) {
		this.runner.withPropertyValues(property).run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SheddingProperties.class)
	static class Config {

	}

}
