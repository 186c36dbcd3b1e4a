package dslab.reliability.idempotency;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Deletes expired idempotency keys every sweep interval, so the store holds one TTL's
 * worth of keys. A key past its expiry is treated as absent even before the sweep.
 */
public class IdempotencyKeySweeper implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(IdempotencyKeySweeper.class);

	private final IdempotencyKeyStore store;

	private final IdempotencySettings settings;

	private final Clock clock;

	private final Counter expired;

	private volatile ScheduledExecutorService scheduler;

	IdempotencyKeySweeper(IdempotencyKeyStore store, IdempotencySettings settings, Clock clock, MeterRegistry meters) {
		this.store = store;
		this.settings = settings;
		this.clock = clock;
		this.expired = Counter.builder("lab.idempotency.keys.expired")
			.description("Idempotency keys deleted by the sweeper after their TTL")
			.register(meters);
	}

	/**
	 * @return how many expired keys were deleted
	 */
	public int sweep() {
		int deleted = this.store.deleteExpired(this.clock.instant());
		this.expired.increment(deleted);
		if (deleted > 0) {
			logger.info("Deleted {} idempotency keys older than {}", deleted, this.settings.ttl());
		}
		return deleted;
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("idempotency-key-sweeper").daemon(true).factory());
		long interval = this.settings.sweepInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::sweepQuietly, interval, interval, TimeUnit.MILLISECONDS);
	}

	private void sweepQuietly() {
		try {
			sweep();
		}
		catch (RuntimeException ex) {
			logger.warn("Sweeping expired idempotency keys failed; trying again in {}", this.settings.sweepInterval(),
					ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.scheduler;
		if (running != null) {
			running.shutdownNow();
		}
		this.scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
