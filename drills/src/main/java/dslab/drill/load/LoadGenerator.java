package dslab.drill.load;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * An open-loop load generator: request i is sent at start + i / rate whether or not
 * earlier requests have finished, each on its own virtual thread, and its latency runs
 * from that intended time. A closed loop (send, wait, send) would slow down with the
 * server and hide its stalls (coordinated omission); this one keeps the schedule, so a
 * stall shows in every request that arrived during it.
 */
public final class LoadGenerator {

	private final LoadSettings settings;

	private final PrintStream out;

	/**
	 * A generator that prints a progress line every second, and a summary, to
	 * {@code out}.
	 */
	public LoadGenerator(LoadSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	/**
	 * Sends the whole schedule, waits for every request still in flight and returns what
	 * happened. Stops sending early if the calling thread is interrupted.
	 */
	public LoadResult run() {
		Tally tally = new Tally();
		// Built before the clock starts: setting up a client (TLS included) takes long
		// enough to throw the first requests off schedule.
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.settings.requestTimeout())
			.build()) {
			OrderSender sender = new OrderSender(http, this.settings);
			Instant startedAt = Instant.now();
			long start = System.nanoTime();
			Duration sendingTime;
			// Closed in reverse order: wait for the requests in flight, then stop the
			// progress lines.
			try (ScheduledExecutorService progress = progressLines(tally, start);
					ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
				sendingTime = sendSchedule(sender, requests, tally, startedAt, start);
			}
			LoadResult result = new LoadResult(this.settings, tally.results(), tally.skippedCount(), sendingTime,
					since(start), tally.latency(), tally.latencyByOutcome());
			this.out.println(result.summary());
			return result;
		}
	}

	/** Starts each request of the schedule at its time; returns how long that took. */
	private Duration sendSchedule(OrderSender sender, ExecutorService requests, Tally tally, Instant startedAt,
			long start) {
		Semaphore inFlight = new Semaphore(this.settings.maxInFlight());
		RandomGenerator random = new SplittableRandom();
		for (long i = 0; i < this.settings.requestCount(); i++) {
			long intended = start + this.settings.offsetNanos(i);
			if (!waitUntil(intended)) {
				break;
			}
			OrderRequest order = this.settings.mix().next(random);
			if (!inFlight.tryAcquire()) {
				tally.skipped();
				continue;
			}
			tally.started();
			Instant intendedAt = startedAt.plusNanos(intended - start);
			requests.execute(() -> {
				try {
					tally.record(sender.send(order, intended, intendedAt));
				}
				finally {
					inFlight.release();
				}
			});
		}
		return since(start);
	}

	private ScheduledExecutorService progressLines(Tally tally, long start) {
		ScheduledExecutorService progress = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("load-progress").factory());
		progress.scheduleAtFixedRate(() -> this.out.println(tally.progressLine(since(start))), 1, 1, TimeUnit.SECONDS);
		return progress;
	}

	/**
	 * Parks until {@code deadline} (a {@link System#nanoTime()}); false if interrupted.
	 */
	private static boolean waitUntil(long deadline) {
		long remaining;
		while ((remaining = deadline - System.nanoTime()) > 0) {
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
			LockSupport.parkNanos(remaining);
		}
		return !Thread.currentThread().isInterrupted();
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
