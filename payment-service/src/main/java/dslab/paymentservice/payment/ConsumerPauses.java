package dslab.paymentservice.payment;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Waits out a blocking retry by pausing the consumer's partitions (Spring Kafka's
 * {@link ContainerPausingBackOffHandler}) instead of putting its thread to sleep: the
 * consumer keeps polling, so it stays in its group, and fetches nothing until the pause
 * ends. Every pause is timed as {@code lab_payment_consumer_paused_seconds{reason}}, the
 * reason being {@code saturated} (the provider at its capacity, or this service at its
 * limit of calls) or {@code provider-down} (the breaker open).
 */
final class ConsumerPauses implements BackOffHandler {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerPauses.class);

	private final BackOffHandler pausing;

	private final MeterRegistry meters;

	ConsumerPauses(BackOffHandler pausing, MeterRegistry meters) {
		this.pausing = pausing;
		this.meters = meters;
	}

	@Override
	public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
		String reason = reason(exception);
		timer(reason).record(Duration.ofMillis(nextBackOff));
		logger.info("Pausing {} for {} ms: {}", (container != null) ? container.getListenerId() : "the consumer",
				nextBackOff, reason);
		this.pausing.onNextBackOff(container, exception, nextBackOff);
	}

	@Override
	public void onNextBackOff(MessageListenerContainer container, TopicPartition partition, long nextBackOff) {
		timer("other").record(Duration.ofMillis(nextBackOff));
		this.pausing.onNextBackOff(container, partition, nextBackOff);
	}

	/** The saturation behind a failed delivery, or {@code null}. */
	static ProviderSaturatedException saturation(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ProviderSaturatedException saturated) {
				return saturated;
			}
		}
		return null;
	}

	private static String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ProviderSaturatedException) {
				return "saturated";
			}
			if (cause instanceof ProviderDownException) {
				return "provider-down";
			}
		}
		return "other";
	}

	private Timer timer(String reason) {
		return Timer.builder("lab.payment.consumer.paused")
			.description("Pauses of the charge consumer's partitions instead of calling the provider")
			.tag("reason", reason)
			.register(this.meters);
	}

}
