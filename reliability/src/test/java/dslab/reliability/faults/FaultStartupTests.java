package dslab.reliability.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dslab.reliability.faults.FaultProperties.Latency;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The knobs of {@code lab.faults.*}, active from the start. */
class FaultStartupTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ValidationAutoConfiguration.class, FaultInjectionAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void activatesTheConfiguredKnobsAtStart() {
		this.contexts
			.withPropertyValues("lab.faults.latency.provider-call.fixed=200ms",
					"lab.faults.latency.provider-call.jitter=100ms", "lab.faults.error-rate.http=0.2",
					"lab.faults.reject-rate.consume=0.1", "lab.faults.crash-points=after-charge-before-record",
					"lab.faults.drop-response-rate.charge=0.3", "lab.faults.drop-hold=12s")
			.run((context) -> assertThat(context.getBean(Faults.class).active()).isEqualTo(new FaultProperties(
					Map.of("provider-call", new Latency(Duration.ofMillis(200), Duration.ofMillis(100))),
					Map.of("http", 0.2), Map.of("consume", 0.1), 0, Set.of("after-charge-before-record"),
					Map.of("charge", 0.3), Duration.ofSeconds(12))));
	}

	@Test
	void startsWithNoFaultsAndATenSecondDropHold() {
		this.contexts.run((context) -> assertThat(context.getBean(Faults.class).active())
			.isEqualTo(new FaultProperties(null, null, 0, null, null, Duration.ofSeconds(10))));
	}

	@Test
	void refusesToStartWithInvalidKnobs() {
		this.contexts
			.withPropertyValues("lab.faults.error-rate.http=1.5", "lab.faults.crash-points=sometime",
					"lab.faults.reject-rate.publish=0.5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("lab.faults")
				.hasMessageContaining("must be a rate from 0.0 to 1.0")
				.hasMessageContaining("must name a crash point")
				.hasMessageContaining("only consume can reject"));
	}

	@Test
	void usesTheHalterTheServiceDeclares() {
		Halt watching = (status) -> {
		};

		this.contexts.withBean(Halt.class, () -> watching)
			.run((context) -> assertThat(context.getBean(Halt.class)).isSameAs(watching));
	}

}
