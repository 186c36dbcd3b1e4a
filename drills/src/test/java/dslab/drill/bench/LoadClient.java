package dslab.drill.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.OperatingSystemMXBean;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's load generator: plain HTTP/1.1 GETs with keep-alive connections, either
 * closed-loop (a fixed number of clients, each sending its next request when the last one
 * is answered: the highest rate a path sustains) or open-loop (requests sent on a fixed
 * schedule whatever the answers, each latency measured from its intended send time, so a
 * stall counts for every request it delayed: coordinated omission corrected).
 */
final class LoadClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	// HTTP/1.1 explicitly: the default would offer an h2c upgrade on every new
	// connection.
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.executor(this.threads)
		.build();

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	/** What a closed-loop window measured. */
	record Window(long ok, long errors, Duration elapsed, double generatorCores) {

		double perSecond() {
			return this.ok / (this.elapsed.toNanos() / 1e9);
		}

	}

	/**
	 * What an open-loop window measured, in microseconds: each request's latency, and how
	 * late the generator sent it (its own stalls, already inside the latencies).
	 */
	record Schedule(Histogram latencies, Histogram lateness, long errors) {

	}

	/**
	 * {@code clients} clients each send, wait for the answer, and send again until the
	 * window ends.
	 */
	Window closedLoop(URI uri, int clients, Duration window) throws InterruptedException {
		HttpRequest request = get(uri);
		AtomicLong ok = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		long cpuBefore = this.os.getProcessCpuTime();
		long start = System.nanoTime();
		long end = start + window.toNanos();
		List<Thread> running = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			running.add(Thread.ofVirtual().start(() -> {
				while (System.nanoTime() < end) {
					boolean answered = send(request);
					if (System.nanoTime() <= end) {
						(answered ? ok : errors).incrementAndGet();
					}
				}
			}));
		}
		for (Thread client : running) {
			client.join();
		}
		long cpu = this.os.getProcessCpuTime() - cpuBefore;
		Duration elapsed = Duration.ofNanos(end - start);
		return new Window(ok.get(), errors.get(), elapsed, cpu / (double) elapsed.toNanos());
	}

	/** Sends {@code rate} requests a second on a fixed schedule for the window. */
	Schedule openLoop(URI uri, double rate, Duration window) throws Exception {
		HttpRequest request = get(uri);
		Histogram latencies = new Histogram(TIMEOUT.toNanos() / 1000 * 2, 3);
		long interval = (long) (1e9 / rate);
		long start = System.nanoTime();
		long end = start + window.toNanos();
		Histogram lateness = new Histogram(3);
		List<Future<Boolean>> sent = new ArrayList<>();
		for (long i = 0;; i++) {
			long intended = start + i * interval;
			if (intended >= end) {
				break;
			}
			LockSupport.parkNanos(intended - System.nanoTime());
			lateness.recordValue(Math.max(0, System.nanoTime() - intended) / 1000);
			sent.add(this.threads.submit(() -> {
				boolean answered = send(request);
				long micros = (System.nanoTime() - intended) / 1000;
				synchronized (latencies) {
					latencies.recordValue(Math.min(micros, latencies.getHighestTrackableValue()));
				}
				return answered;
			}));
		}
		long errors = 0;
		for (Future<Boolean> answer : sent) {
			errors += answer.get() ? 0 : 1;
		}
		return new Schedule(latencies, lateness, errors);
	}

	/** The machine's load average over the last minute: how shared the 2 cores were. */
	double loadAverage() {
		return this.os.getSystemLoadAverage();
	}

	/** The status and body of one GET, for checks before the measurement. */
	HttpResponse<String> fetch(URI uri) throws IOException, InterruptedException {
		return this.http.send(get(uri), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(URI uri, String json, String idempotencyKey) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest get(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
	}

	private boolean send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		this.http.close();
		this.threads.close();
	}

}
