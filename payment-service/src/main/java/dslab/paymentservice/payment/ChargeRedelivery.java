package dslab.paymentservice.payment;

import java.time.Clock;
import java.util.List;

import dslab.contracts.InventoryEvent;
import dslab.reliability.envelope.MalformedEventException;
import dslab.reliability.faults.InjectedRejection;
import dslab.reliability.kafka.MessagingProperties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaConsumerBackoffManager;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.ListenerContainerFactoryConfigurer;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicComponentFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a {@code StockReserved} whose charge failed, per failure:
 * <ul>
 * <li>{@link ChargeNotMadeException} (the provider gave no answer): non-blocking
 * redelivery through retry topics, {@link RedeliverySettings}' delays, then the
 * dead-letter topic {@code inventory-events.payment-service.DLT};</li>
 * <li>{@link ProviderDownException} (breaker open, no call made): blocking, in place,
 * with backoff and no limit; the partition waits for the provider, so nothing is handed
 * on while every call would be refused;</li>
 * <li>{@link ProviderSaturatedException} (the provider at its capacity, or this service
 * at its limit of calls in flight; no charge made): blocking, in place, for the
 * provider's {@code Retry-After}, without limit;</li>
 * <li>an event that can never succeed ({@link MalformedEventException},
 * {@link ProviderRejectedChargeException}), or that a fault refuses on purpose
 * ({@link InjectedRejection}): straight to the dead-letter topic.</li>
 * </ul>
 * A blocking wait pauses the consumer's partitions ({@link ConsumerPauses}) rather than
 * sleeping its thread. The other services keep blocking retries for every topic, because
 * the order lifecycle depends on the order of an order's events (docs/retries.md).
 */
@Configuration(proxyBeanMethods = false)
class ChargeRedelivery extends RetryTopicConfigurationSupport {

	static final String RETRY_SUFFIX = ".payment-service.retry";

	static final String DEAD_LETTER_SUFFIX = ".payment-service.DLT";

	/** The longest pause while the breaker is open. */
	private static final long PROVIDER_DOWN_MAX_BACKOFF = 5_000;

	private final RedeliverySettings settings;

	private final ObjectProvider<ListenerContainerRegistry> containers;

	private final ObjectProvider<MeterRegistry> meters;

	ChargeRedelivery(RedeliverySettings settings, ObjectProvider<ListenerContainerRegistry> containers,
			ObjectProvider<MeterRegistry> meters) {
		this.settings = settings;
		this.containers = containers;
		this.meters = meters;
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
		blockingRetries.retryOn(ProviderDownException.class, ProviderSaturatedException.class)
			.backOff(providerDownBackOff());
	}

	/**
	 * The error handler of the charge consumer and its retry topics waits by pausing, for
	 * as long as the provider's {@code Retry-After} says when it is saturated.
	 */
	@Override
	protected RetryTopicComponentFactory createComponentFactory() {
		return new RetryTopicComponentFactory() {

			@Override
			public ListenerContainerFactoryConfigurer listenerContainerFactoryConfigurer(
					KafkaConsumerBackoffManager backoffManager, DeadLetterPublishingRecovererFactory recoverers,
					Clock clock) {
				return new ListenerContainerFactoryConfigurer(backoffManager, recoverers, clock) {

					@Override
					protected DefaultErrorHandler createDefaultErrorHandlerInstance(
							DeadLetterPublishingRecoverer recoverer) {
						DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, providerDownBackOff(),
								consumerPauses());
						handler.setBackOffFunction((record, failure) -> saturatedBackOff(failure));
						return handler;
					}

				};
			}

		};
	}

	private ExponentialBackOff providerDownBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.settings.providerDownBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(PROVIDER_DOWN_MAX_BACKOFF);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		return backOff;
	}

	/** The provider's {@code Retry-After}, every time; {@code null}: the default. */
	private static BackOff saturatedBackOff(Exception failure) {
		ProviderSaturatedException saturated = ConsumerPauses.saturation(failure);
		return (saturated != null)
				? new FixedBackOff(saturated.retryAfter().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS) : null;
	}

	private ConsumerPauses consumerPauses() {
		ThreadPoolTaskScheduler resumer = new ThreadPoolTaskScheduler();
		resumer.setThreadNamePrefix("consumer-resume-");
		resumer.initialize();
		ListenerContainerPauseService pauses = new ListenerContainerPauseService(this.containers.getObject(), resumer);
		return new ConsumerPauses(new ContainerPausingBackOffHandler(pauses),
				this.meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Override
	protected void manageNonBlockingFatalExceptions(List<Class<? extends Throwable>> nonRetryable) {
		nonRetryable.add(MalformedEventException.class);
		nonRetryable.add(ProviderRejectedChargeException.class);
		nonRetryable.add(InjectedRejection.class);
	}

}
