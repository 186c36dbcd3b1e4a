package dslab.provider.charge;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lab.provider.max-concurrent-charges}: 16 unless set, and at least 1. */
class ChargeCapacityBindingTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void allowsSixteenChargesAtOnceByDefault() {
		this.context
			.run((context) -> assertThat(context.getBean(ChargeCapacity.class).maxConcurrentCharges()).isEqualTo(16));
	}

	@Test
	void refusesToStartWithoutRoomForOneCharge() {
		this.context.withPropertyValues("lab.provider.max-concurrent-charges=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("maxConcurrentCharges"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ChargeCapacity.class)
	static class Settings {

	}

}
