package dslab.drill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-test gateway on a free loopback port: answers {@code POST /api/orders} as the
 * test says and remembers every request it received.
 */
final class StubGateway implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final Queue<Received> received = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final CountDownLatch closing = new CountDownLatch(1);

	private StubGateway(Answerer answerer) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/api/orders", (exchange) -> handle(exchange, answerer));
		this.server.start();
	}

	static StubGateway answering(Answerer answerer) {
		return new StubGateway(answerer);
	}

	/** A gateway that accepts every order. */
	static StubGateway accepting() {
		return answering((request, attempt) -> Answer.accepted());
	}

	URI uri() {
		return URI
			.create("http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort());
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	Map<String, List<Received>> receivedByKey() {
		return this.received.stream().collect(Collectors.groupingBy(Received::idempotencyKey));
	}

	int maxInFlight() {
		return this.maxInFlight.get();
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange, Answerer answerer) throws IOException {
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		try (exchange) {
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			Received request = new Received(exchange.getRequestMethod(), key,
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), System.nanoTime());
			this.received.add(request);
			int attempt = this.attemptsByKey.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
			Answer answer = answerer.answer(request, attempt);
			if (answer == Answer.NONE) {
				this.closing.await(30, TimeUnit.SECONDS);
				return;
			}
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
			exchange.getResponseBody().write(body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	/** Decides the answer to the {@code attempt}-th request with one Idempotency-Key. */
	@FunctionalInterface
	interface Answerer {

		Answer answer(Received request, int attempt) throws InterruptedException;

	}

	record Received(String method, String idempotencyKey, String body, long atNanos) {
	}

	record Answer(int status, Map<String, String> headers, String body) {

		/** Never answers: the request hangs until the stub closes. */
		static final Answer NONE = new Answer(0, Map.of(), "");

		static Answer accepted() {
			return new Answer(202, Map.of(), "{\"orderId\":\"" + UUID.randomUUID() + "\",\"status\":\"PENDING\"}");
		}

		static Answer status(int status) {
			return new Answer(status, Map.of(), "");
		}

		Answer withHeader(String name, String value) {
			Map<String, String> headers = new HashMap<>(this.headers);
			headers.put(name, value);
			return new Answer(this.status, Map.copyOf(headers), this.body);
		}

	}

}
