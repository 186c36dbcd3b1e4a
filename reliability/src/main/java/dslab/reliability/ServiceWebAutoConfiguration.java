package dslab.reliability;

import dslab.reliability.admin.AdminProperties;
import dslab.reliability.admin.AdminTokenFilter;
import dslab.reliability.bulkhead.ApiBulkheadFilter;
import dslab.reliability.bulkhead.BulkheadProperties;
import dslab.reliability.web.ProblemDetailsAdvice;
import dslab.reliability.web.RequestIdFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * What every servlet service of the lab does alike, with messaging or without (the
 * payment provider): request ids in the logs, problem details for errors, and the admin
 * token in front of {@code /admin/**}, and a bulkhead in front of {@code /api/**}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ AdminProperties.class, BulkheadProperties.class })
public class ServiceWebAutoConfiguration {

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	@Bean
	FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminProperties properties) {
		FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(
				new AdminTokenFilter(properties));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "lab.bulkhead.enabled", matchIfMissing = true)
	FilterRegistrationBean<ApiBulkheadFilter> apiBulkheadFilter(BulkheadProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		FilterRegistrationBean<ApiBulkheadFilter> registration = new FilterRegistrationBean<>(
				new ApiBulkheadFilter(properties, meters.getIfAvailable(SimpleMeterRegistry::new)));
		// Right after the request id, before any work: a refused request costs nothing.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
