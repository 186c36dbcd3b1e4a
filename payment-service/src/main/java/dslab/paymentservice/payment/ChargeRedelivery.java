package dslab.paymentservice.payment;

import java.util.List;

import dslab.contracts.InventoryEvent;
import dslab.reliability.envelope.MalformedEventException;
import dslab.reliability.faults.InjectedRejection;
import dslab.reliability.kafka.MessagingProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens to a {@code StockReserved} whose charge failed, per failure:
 * <ul>
 * <li>{@link ChargeNotMadeException} (the provider gave no answer): non-blocking
 * redelivery through retry topics, {@link RedeliverySettings}' delays, then the
 * dead-letter topic {@code inventory-events.payment-service.DLT};</li>
 * <li>{@link ProviderDownException} (breaker open, no call made): blocking, in place,
 * with backoff and no limit; the partition waits for the provider, so nothing is handed
 * on while every call would be refused;</li>
 * <li>an event that can never succeed ({@link MalformedEventException},
 * {@link ProviderRejectedChargeException}), or that a fault refuses on purpose
 * ({@link InjectedRejection}): straight to the dead-letter topic.</li>
 * </ul>
 * The other services keep blocking retries for every topic, because the order lifecycle
 * depends on the order of an order's events (docs/retries.md).
 */
@Configuration(proxyBeanMethods = false)
class ChargeRedelivery extends RetryTopicConfigurationSupport {

	static final String RETRY_SUFFIX = ".payment-service.retry";

	static final String DEAD_LETTER_SUFFIX = ".payment-service.DLT";

	/** The longest pause while the breaker is open. */
	private static final long PROVIDER_DOWN_MAX_BACKOFF = 5_000;

	private final RedeliverySettings settings;

	ChargeRedelivery(RedeliverySettings settings) {
		this.settings = settings;
	}

	@Bean
	RetryTopicConfiguration chargeRetryTopics(KafkaTemplate<String, String> kafka, MessagingProperties messaging) {
		return RetryTopicConfigurationBuilder.newInstance()
			.includeTopic(InventoryEvent.TOPIC)
			.exponentialBackoff(this.settings.initialDelay().toMillis(), this.settings.multiplier(),
					this.settings.maxDelay().toMillis())
			.maxAttempts(this.settings.maxAttempts())
			.useSingleTopicForSameIntervals()
			.retryTopicSuffix(RETRY_SUFFIX)
			.dltSuffix(DEAD_LETTER_SUFFIX)
			.autoCreateTopicsWith(messaging.partitions(), messaging.replicationFactor())
			.concurrency(1)
			.create(kafka);
	}

	/** Wakes a retry topic's consumer when its next record is due. */
	@Bean
	RetryTopicSchedulerWrapper retryTopicScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("retry-topics-");
		scheduler.initialize();
		return new RetryTopicSchedulerWrapper(scheduler);
	}

	@Override
	protected void configureBlockingRetries(BlockingRetriesConfigurer blockingRetries) {
		ExponentialBackOff backOff = new ExponentialBackOff(this.settings.providerDownBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(PROVIDER_DOWN_MAX_BACKOFF);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		blockingRetries.retryOn(ProviderDownException.class).backOff(backOff);
	}

	@Override
	protected void manageNonBlockingFatalExceptions(List<Class<? extends Throwable>> nonRetryable) {
		nonRetryable.add(MalformedEventException.class);
		nonRetryable.add(ProviderRejectedChargeException.class);
		nonRetryable.add(InjectedRejection.class);
	}

}
