package dslab.reliability.kafka;

import dslab.reliability.envelope.MalformedEventException;
import dslab.reliability.faults.InjectedRejection;
import dslab.reliability.ordering.KeyPositions;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What a consumer does when handling an event fails. Failures that may heal are retried
 * in place (blocking: the partition waits, so per-key order holds) with exponential
 * backoff and no limit; an event that can never be handled
 * ({@link MalformedEventException}), or that a drill has a consumer refuse on purpose
 * ({@link InjectedRejection}), goes to the dead-letter topic at once, with the error and
 * its original topic, partition, offset and consumer group in headers.
 */
public final class ConsumerErrorHandling {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerErrorHandling.class);

	private ConsumerErrorHandling() {
	}

	/**
	 * The error handler of every blocking consumer of a service.
	 * @param kafka publishes dead letters
	 * @param retry the backoff of retries in place
	 * @param positions told of each event dead-lettered, so that the key's next event is
	 * in order and the replay counts as deliberately late
	 */
	public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> kafka, MessagingProperties.Retry retry,
			KeyPositions positions) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka, (record,
				ex) -> new TopicPartition(record.topic() + TopicDeclarations.DEAD_LETTER_SUFFIX, record.partition()));
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			logger.error("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					reason(ex));
			positions.deadLettered(record);
			deadLetters.accept(record, asRecordFailure(ex));
		}, backOff);
		handler.addNotRetryableExceptions(MalformedEventException.class, InjectedRejection.class);
		handler.setRetryListeners((record, ex, attempt) -> logger.warn("Attempt {} at {}-{}@{} failed: {}", attempt,
				record.topic(), record.partition(), record.offset(), reason(ex)));
		return handler;
	}

	/**
	 * A batch listener's failure as a record listener's: the dead letter's headers name
	 * the listener's own exception, not the {@link BatchListenerFailedException} that
	 * pointed at the record.
	 */
	static Exception asRecordFailure(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BatchListenerFailedException batch && batch.getCause() instanceof Exception failure) {
				return failure;
			}
		}
		return ex;
	}

	/** The listener's own exception, not the wrapper Spring Kafka puts around it. */
	private static String reason(Exception ex) {
		Throwable reason = (ex instanceof ListenerExecutionFailedException && ex.getCause() != null) ? ex.getCause()
				: ex;
		reason = (reason instanceof BatchListenerFailedException && reason.getCause() != null) ? reason.getCause()
				: reason;
		return reason.getClass().getSimpleName() + ": " + reason.getMessage();
	}

}
