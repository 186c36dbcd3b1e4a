package dslab.reliability.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.faults.CrashPoint;
import dslab.reliability.faults.Faults;
import dslab.reliability.faults.Operation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in the order they were written, then marks them
 * published. It runs on one thread, woken right after a commit that appended events and
 * otherwise every poll interval, so events written by a crashed or slow transaction are
 * still picked up. Failed sends are retried with backoff; nothing is marked published
 * before Kafka acknowledged it ({@code acks=all}).
 * <p>
 * Only the instance holding the {@link RelayLease} publishes; the others keep polling for
 * the lease. Before its first send a row gets its per-key sequence number
 * ({@link OutboxSequences}).
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final JdbcClient jdbc;

	private final OutboxSequences sequences;

	private final RelayLease lease;

	private final KafkaTemplate<String, String> kafka;

	private final OutboxSettings settings;

	private final Counter published;

	private final Counter failures;

	private final Faults faults;

	private final LinkedBlockingQueue<Boolean> wakeUps = new LinkedBlockingQueue<>(1);

	private volatile Thread thread;

	private volatile boolean running;

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, EnvelopeCodec codec, JdbcLockRegistry leases,
			KafkaTemplate<String, String> kafka, OutboxSettings settings, MeterRegistry meters, Faults faults) {
		this.jdbc = jdbc;
		this.sequences = new OutboxSequences(jdbc, transactions, codec);
		this.lease = new RelayLease(leases);
		this.kafka = kafka;
		this.settings = settings;
		this.published = meters.counter("lab.outbox.published");
		this.failures = meters.counter("lab.outbox.publish.failures");
		this.faults = faults;
		Gauge.builder("lab.outbox.relay.leader", this.lease, (lease) -> lease.held() ? 1 : 0)
			.description("1 while this instance holds the outbox relay lease and publishes")
			.register(meters);
	}

	void wakeUp() {
		this.wakeUps.offer(Boolean.TRUE);
	}

	/**
	 * Publishes one batch of pending events if this instance holds the relay lease,
	 * taking it first if it is free. The lease belongs to the thread that took it: while
	 * the relay runs, only its own thread calls this.
	 * @return how many events were published
	 */
	public int publishPending() throws InterruptedException {
		if (!this.lease.hold()) {
			return 0;
		}
		// Rows numbered in an earlier round (the send failed, or the process died after
		// it) go first, by number: a row numbered now gets a higher number than they
		// have.
		List<PendingEvent> pending = this.jdbc.sql("""
				SELECT id, topic, record_key, envelope, sequence FROM outbox WHERE published_at IS NULL
				ORDER BY CASE WHEN sequence IS NULL THEN 1 ELSE 0 END, sequence, id
				LIMIT :limit
				""").param("limit", this.settings.batchSize()).query(PendingEvent::map).list();
		if (pending.isEmpty()) {
			return 0;
		}
		this.faults.inject(Operation.PUBLISH);
		this.faults.crashPoint(CrashPoint.AFTER_DB_COMMIT_BEFORE_PUBLISH);
		List<PendingEvent> batch = this.sequences.number(pending);
		List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(batch.size());
		for (PendingEvent event : batch) {
			sends.add(this.kafka.send(new ProducerRecord<>(event.topic(), event.key(), event.envelope())));
		}
		List<Long> sent = new ArrayList<>(batch.size());
		RuntimeException failure = null;
		for (int i = 0; i < batch.size(); i++) {
			try {
				sends.get(i).get(this.settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
				sent.add(batch.get(i).id());
			}
			catch (ExecutionException | TimeoutException ex) {
				failure = (failure != null) ? failure : new IllegalStateException("Publishing outbox event failed", ex);
			}
		}
		if (!sent.isEmpty()) {
			this.jdbc.sql("UPDATE outbox SET published_at = :now WHERE id IN (:ids)")
				.param("now", Outbox.now())
				.param("ids", sent)
				.update();
			this.published.increment(sent.size());
		}
		if (failure != null) {
			throw failure;
		}
		return sent.size();
	}

	private void run() {
		Duration backoff = this.settings.pollInterval();
		while (this.running) {
			try {
				int count = publishPending();
				backoff = this.settings.pollInterval();
				if (count < this.settings.batchSize()) {
					this.wakeUps.poll(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				this.failures.increment();
				backoff = min(backoff.multipliedBy(2), this.settings.maxBackoff());
				logger.warn("Outbox relay failed, retrying in {} ms: {}", backoff.toMillis(), ex.getMessage());
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	// Hands the lease back on the way out, from the thread that holds it, so another
	// instance takes over at once instead of after the lease expires.
	private void runHoldingTheLease() {
		try {
			run();
		}
		finally {
			// Cleared first: H2 closes its file under a thread that is interrupted.
			Thread.interrupted();
			this.lease.release();
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::runHoldingTheLease);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread relay = this.thread;
		if (relay != null) {
			relay.interrupt();
			try {
				relay.join(this.settings.sendTimeout().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
