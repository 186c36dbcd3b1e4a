package dslab.reliability.faults;

import java.util.Random;
import java.util.random.RandomGenerator;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Fault injection in every service of the lab, the payment provider included: the
 * {@link Faults} hooks with the knobs of {@code lab.faults.*} and, in a servlet app, the
 * {@code http} faults and {@code /admin/faults}. Needs neither Kafka nor a database.
 */
@AutoConfiguration
@EnableConfigurationProperties(FaultProperties.class)
public class FaultInjectionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Halt halt() {
		return Runtime.getRuntime()::halt;
	}

	/** Which calls a rate hits; {@link Random} is safe to share between threads. */
	@Bean
	@ConditionalOnMissingBean
	RandomGenerator faultRandom() {
		return new Random();
	}

	@Bean
	Faults faults(FaultProperties properties, RandomGenerator faultRandom, Halt halt, MeterRegistry meters) {
		return new Faults(properties, faultRandom, halt, meters);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class WebConfiguration {

		/** After the request id and the admin token filters, before everything else. */
		@Bean
		FilterRegistrationBean<FaultInjectionFilter> faultInjectionFilter(Faults faults, JsonMapper json) {
			FilterRegistrationBean<FaultInjectionFilter> registration = new FilterRegistrationBean<>(
					new FaultInjectionFilter(faults, json));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
			return registration;
		}

		@Bean
		FaultsController faultsController(Faults faults, JsonMapper json, Validator validator) {
			return new FaultsController(faults, json, validator);
		}

		@Bean
		InjectedFaultAdvice injectedFaultAdvice() {
			return new InjectedFaultAdvice();
		}

	}

}
