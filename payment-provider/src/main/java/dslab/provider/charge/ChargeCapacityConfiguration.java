package dslab.provider.charge;

import java.time.Duration;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provider's one shedding policy, in one place: a semaphore bulkhead of
 * {@code lab.provider.max-concurrent-charges} permits around each charge, with no waiting
 * for a permit, exported as {@code resilience4j_bulkhead_*{name="charge"}}.
 */
@Configuration(proxyBeanMethods = false)
class ChargeCapacityConfiguration {

	static final String BULKHEAD = "charge";

	@Bean
	Bulkhead chargeBulkhead(ChargeCapacity capacity, MeterRegistry meters) {
		// No waiting: a caller that cannot be served now hears so at once and decides for
		// itself when to come back, which is what the retry-storm drill measures.
		BulkheadRegistry registry = BulkheadRegistry.of(BulkheadConfig.custom()
			.maxConcurrentCalls(capacity.maxConcurrentCharges())
			.maxWaitDuration(Duration.ZERO)
			.build());
		Bulkhead bulkhead = registry.bulkhead(BULKHEAD);
		TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
		return bulkhead;
	}

}
