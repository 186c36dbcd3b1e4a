package dslab.paymentservice.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment provider, faked over real HTTP: records every charge it is asked for and
 * answers 201 unless told to answer otherwise for an order.
 */
final class ProviderStub implements AutoCloseable {

	/** A status that stands for an answer lost on the way: the connection closes. */
	static final int LOST = 0;

	/** A status that stands for a slow answer: 201 after {@link #SLOW_FOR}. */
	static final int SLOW = 1;

	static final Duration SLOW_FOR = Duration.ofSeconds(2);

	/**
	 * A status that stands for the provider at its capacity: 503 of type
	 * {@value PaymentProvider#AT_CAPACITY}.
	 */
	static final int AT_CAPACITY = 2;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<UUID, Queue<Integer>> answers = new ConcurrentHashMap<>();

	private final Map<UUID, String> retryAfter = new ConcurrentHashMap<>();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private ProviderStub(HttpServer server) {
		this.server = server;
	}

	static ProviderStub start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			ProviderStub stub = new ProviderStub(server);
			server.createContext("/charges", stub::charge);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	/**
	 * Answers the order's charges with these statuses in turn, the last one from then on.
	 */
	void answer(UUID orderId, Integer... statuses) {
		this.answers.put(orderId, new ConcurrentLinkedQueue<>(List.of(statuses)));
	}

	/** Sends this {@code Retry-After} with the order's 429 and 503 answers. */
	void retryAfter(UUID orderId, String value) {
		this.retryAfter.put(orderId, value);
	}

	List<Call> callsFor(UUID orderId) {
		return this.calls.stream().filter((call) -> call.orderId().equals(orderId)).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void charge(HttpExchange exchange) throws IOException {
		try (exchange) {
			JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
			Call call = new Call(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
					UUID.fromString(body.get("orderId").asString()), body.get("customerId").asString(),
					body.get("amount").decimalValue(), body.get("currency").asString(), Instant.now());
			this.calls.add(call);
			int status = nextStatus(call.orderId());
			if (status == SLOW) {
				Thread.sleep(SLOW_FOR);
				status = 201;
			}
			if (status == LOST) {
				return; // closed without an answer: the charge's answer is lost on the
						// way
			}
			boolean atCapacity = status == AT_CAPACITY;
			status = atCapacity ? 503 : status;
			String chargeId = "ch_" + UUID.randomUUID();
			Map<String, Object> answer = atCapacity
					? Map.of("type", PaymentProvider.AT_CAPACITY, "title", "Provider at capacity", "status", 503)
					: switch (status) {
						case 201 -> Map.of("chargeId", chargeId, "status", "CAPTURED", "orderId", call.orderId(),
								"customerId", call.customerId(), "amount", call.amount(), "currency", call.currency(),
								"createdAt", Instant.now().toString());
						case 402 -> Map.of("type", "about:blank", "title", "Payment declined", "status", 402, "reason",
								"customer " + call.customerId() + " is blocked", "chargeId", chargeId);
						default -> Map.of("title", "Unavailable", "status", status);
					};
			byte[] bytes = json.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
			String wait = this.retryAfter.get(call.orderId());
			if (wait != null && (status == 429 || status == 503)) {
				exchange.getResponseHeaders().add("Retry-After", wait);
			}
			exchange.getResponseHeaders()
				.add("Content-Type", (status == 201) ? "application/json" : "application/problem+json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private int nextStatus(UUID orderId) {
		Queue<Integer> statuses = this.answers.get(orderId);
		if (statuses == null) {
			return 201;
		}
		Integer next = (statuses.size() > 1) ? statuses.poll() : statuses.peek();
		return (next != null) ? next : 201;
	}

	/** A charge the stub was asked for. */
	record Call(String idempotencyKey, UUID orderId, String customerId, BigDecimal amount, String currency,
			Instant at) {
	}

}
