package dslab.drill.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Places one order through the gateway, retrying it under one Idempotency-Key. */
final class OrderSender {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	private final URI endpoint;

	private final Duration timeout;

	private final RetryPolicy retry;

	OrderSender(HttpClient http, LoadSettings settings) {
		this.http = http;
		this.endpoint = settings.ordersEndpoint();
		this.timeout = settings.requestTimeout();
		this.retry = settings.retry();
	}

	/**
	 * Sends {@code order} now and retries it as the policy says; the latency runs from
	 * {@code intendedNanos} (a {@link System#nanoTime()}), not from now.
	 */
	RequestResult send(OrderRequest order, long intendedNanos, Instant intendedAt) {
		String key = "load-" + UUID.randomUUID();
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(order)))
			.build();
		int attempts = 0;
		boolean unanswered = false;
		Answer answer;
		Optional<Duration> delay;
		do {
			attempts++;
			answer = attempt(request);
			unanswered |= answer.status() == Outcome.NO_RESPONSE;
			delay = Outcome.of(answer.status()).retryable()
					? this.retry.delayAfter(attempts, answer.retryAfter(), ThreadLocalRandom.current())
					: Optional.empty();
		}
		while (delay.isPresent() && pause(delay.get()));
		Duration latency = Duration.ofNanos(System.nanoTime() - intendedNanos);
		Outcome outcome = Outcome.of(answer.status());
		UUID orderId = (outcome == Outcome.OK) ? orderId(answer.body()) : null;
		return new RequestResult(key, order, intendedAt, outcome, answer.status(), attempts, latency, orderId,
				outcome != Outcome.OK && unanswered);
	}

	private Answer attempt(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), RetryPolicy.retryAfter(response.headers()), response.body());
		}
		catch (IOException ex) {
			// A timeout or a broken connection: the gateway may have placed the order.
			return Answer.NONE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Answer.NONE;
		}
	}

	private static boolean pause(Duration delay) {
		if (Thread.currentThread().isInterrupted()) {
			return false;
		}
		try {
			Thread.sleep(delay);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static UUID orderId(String body) {
		try {
			JsonNode id = json.readTree(body).get("orderId");
			return (id != null && id.isString()) ? UUID.fromString(id.asString()) : null;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

	private record Answer(int status, Duration retryAfter, String body) {

		static final Answer NONE = new Answer(Outcome.NO_RESPONSE, null, "");

	}

}
