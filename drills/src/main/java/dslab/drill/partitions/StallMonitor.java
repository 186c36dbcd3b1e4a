package dslab.drill.partitions;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a consumer group's offsets every {@code interval} in the background and keeps
 * {@link Stalls}: how long any partition with lag went without progress, step by step.
 * What drills report as the processing pause of a rebalance or a dead consumer.
 */
public final class StallMonitor implements AutoCloseable {

	private final PartitionSampler sampler;

	private final Duration interval;

	private final Stalls stalls = new Stalls();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	private Offsets latest;

	private int failedReadings;

	/**
	 * Starts sampling at once.
	 * @param sampler the group to watch; closed with this monitor
	 * @param interval time between readings (100 to 200 ms resolve a pause of a second)
	 */
	public StallMonitor(PartitionSampler sampler, Duration interval) {
		this.sampler = sampler;
		this.interval = interval;
		this.thread = Thread.ofVirtual().name("stall-monitor-" + sampler.group()).start(this::run);
	}

	private void run() {
		while (this.running.get()) {
			try {
				Offsets offsets = this.sampler.read();
				synchronized (this) {
					this.stalls.record(offsets);
					this.latest = offsets;
				}
			}
			catch (IllegalStateException ex) {
				synchronized (this) {
					this.failedReadings++;
				}
			}
			try {
				Thread.sleep(this.interval);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * Ends the current step and begins the next.
	 * @return the longest stall of the step that ended
	 */
	public synchronized Step restart() {
		Step step = new Step(this.stalls.longest(), this.stalls.longestPartition());
		this.stalls.restart();
		return step;
	}

	/** The longest stall of the current step so far. */
	public synchronized Step current() {
		return new Step(this.stalls.longest(), this.stalls.longestPartition());
	}

	/** The latest reading, if one succeeded yet. */
	public synchronized Optional<Offsets> latest() {
		return Optional.ofNullable(this.latest);
	}

	/** Readings Kafka did not answer (each leaves a gap in the measurement). */
	public synchronized int failedReadings() {
		return this.failedReadings;
	}

	@Override
	public void close() {
		this.running.set(false);
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.sampler.close();
	}

	/**
	 * The longest stall of one step.
	 *
	 * @param longest how long the partition that stalled longest made no progress with
	 * records waiting
	 * @param partition that partition ({@code topic-partition}), or {@code -}
	 */
	public record Step(Duration longest, String partition) {

		public double seconds() {
			return this.longest.toMillis() / 1000.0;
		}

	}

}
