package dslab.drill.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dslab.drill.load.Outcome;
import dslab.drill.load.RetryPolicy;
import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For each of {@value #KEYS} keys, {@value #COPIES} identical POSTs at once with one
 * Idempotency-Key, each client retrying what is not final, and {@value #REUSES} reuses of
 * the key with another payload in the same instant: one order per key, every other answer
 * a replay, a 409 or a 422.
 */
final class DuplicateStorm implements Drill {

	static final int KEYS = 20;

	static final int COPIES = 100;

	static final int REUSES = 10;

	/**
	 * Retries of 409s, 5xx and timeouts: full jitter, honouring Retry-After up to 12 s.
	 */
	private static final RetryPolicy RETRIES = new RetryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(1),
			Duration.ofSeconds(12));

	private static final String REPLAYED = "Idempotent-Replayed";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	public String name() {
		return "duplicate-storm";
	}

	@Override
	public String lesson() {
		return "100 copies of one request at once, retries on top, the key reused for another order: one order per key";
	}

	@Override
	public String duration() {
		return "~40 s";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		String run = UUID.randomUUID().toString().substring(0, 8);
		context.narrator()
			.step("%d keys; for each: %d identical POSTs and %d with another payload, all at once", KEYS, COPIES,
					REUSES);
		context.narrator().watch("curl -s localhost:8081/actuator/prometheus | grep lab_idempotency_requests_total");
		Tally tally = new Tally();
		List<String> perKey = new ArrayList<>();
		List<String> perAnswer = new ArrayList<>();
		List<UUID> placed = new ArrayList<>();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		for (int i = 0; i < KEYS; i++) {
			String customer = "c-storm-" + run + "-" + i;
			String key = "storm-" + run + "-" + i;
			String sku = Drills.LOAD_SKUS.get(i % Drills.LOAD_SKUS.size());
			Storm storm = new Storm(context.lab().gateway(), http, customer, key, sku);
			List<Answer> answers = storm.unleash(tally);
			storm.judge(answers, perKey, perAnswer).ifPresent(placed::add);
			long orders = storm.ordersOfCustomer();
			if (orders != 1) {
				perKey.add(key + ": " + orders + " orders for its customer, expected 1");
			}
		}
		context.acknowledged(placed);
		long sent = (long) KEYS * (COPIES + REUSES);
		context.finding("requests (first attempts)", "%d", sent);
		context.finding("client retries on top", "%d", tally.retries.get());
		context.finding("orders placed", "%d for %d keys", tally.placed.get(), KEYS);
		context.finding("answers replayed (202, Idempotent-Replayed)", "%d", tally.replayed.get());
		context.finding("answers 409 in progress (then retried)", "%d", tally.conflicts.get());
		context.finding("final answers 409", "%d", tally.finalConflicts.get());
		context.finding("answers 422 key reused for another payload", "%d", tally.reused.get());
		context.finding("other answers", "%d", tally.other.get());
		context.check("exactly one order per Idempotency-Key, whatever the storm", perKey);
		context.check("every other answer is a replay of that order, a 409 or a 422", perAnswer);
	}

	/** Counts of answers over every storm. */
	private static final class Tally {

		final AtomicLong placed = new AtomicLong();

		final AtomicLong replayed = new AtomicLong();

		final AtomicLong conflicts = new AtomicLong();

		final AtomicLong finalConflicts = new AtomicLong();

		final AtomicLong reused = new AtomicLong();

		final AtomicLong other = new AtomicLong();

		final AtomicLong retries = new AtomicLong();

	}

	/**
	 * A client's last answer.
	 *
	 * @param payload which payload it sent: 0 the key's, 1 the reuse
	 * @param status the final status, 0 for no answer
	 * @param replayed whether the answer was marked a replay
	 * @param orderId the order in a 202's body
	 */
	record Answer(int payload, int status, boolean replayed, UUID orderId) {
	}

	/** One key's storm. */
	static final class Storm {

		private final URI gateway;

		private final HttpClient http;

		private final String customer;

		private final String key;

		private final String[] payloads;

		Storm(URI gateway, HttpClient http, String customer, String key, String sku) {
			this.gateway = gateway;
			this.http = http;
			this.customer = customer;
			this.key = key;
			this.payloads = new String[] { order(customer, sku, 1), order(customer, sku, 2) };
		}

		List<Answer> unleash(Tally tally) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Answer>> clients = new ArrayList<>();
			try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < COPIES + REUSES; i++) {
					int payload = (i < COPIES) ? 0 : 1;
					clients.add(threads.submit(() -> {
						start.await();
						return send(payload, tally);
					}));
				}
				start.countDown();
				List<Answer> answers = new ArrayList<>();
				for (Future<Answer> client : clients) {
					answers.add(client.get());
				}
				return answers;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Drill interrupted", ex);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				throw new IllegalStateException("A storm client failed: " + ex.getCause(), ex.getCause());
			}
		}

		/**
		 * Checks the answers of one key: one order, every 202 for it, the other payload
		 * refused.
		 * @return the order placed, if exactly one was
		 */
		Optional<UUID> judge(List<Answer> answers, List<String> perKey, List<String> perAnswer) {
			List<Answer> originals = answers.stream().filter((a) -> a.status() == 202 && !a.replayed()).toList();
			if (originals.size() != 1) {
				perKey.add(this.key + ": " + originals.size() + " requests placed an order, expected 1");
				return Optional.empty();
			}
			Answer original = originals.get(0);
			for (Answer answer : answers) {
				boolean samePayload = answer.payload() == original.payload();
				boolean fine = switch (answer.status()) {
					case 202 -> samePayload && original.orderId().equals(answer.orderId());
					case 409 -> true;
					case 422 -> !samePayload;
					default -> false;
				};
				if (!fine) {
					perAnswer.add(this.key + ": payload " + answer.payload() + " got " + answer.status()
							+ (answer.orderId() != null ? " for order " + answer.orderId() : "") + "; the order "
							+ original.orderId() + " came from payload " + original.payload());
				}
			}
			return Optional.of(original.orderId());
		}

		long ordersOfCustomer() {
			try {
				HttpResponse<String> response = this.http
					.send(HttpRequest.newBuilder(this.gateway.resolve("/api/orders?customerId=" + this.customer))
						.timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.ofString());
				return json.readTree(response.body()).size();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not list the orders of " + this.customer, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Drill interrupted", ex);
			}
		}

		private Answer send(int payload, Tally tally) throws InterruptedException {
			for (int attempt = 1;; attempt++) {
				int status;
				Duration retryAfter = null;
				boolean replayed = false;
				UUID orderId = null;
				try {
					HttpResponse<String> response = this.http
						.send(HttpRequest.newBuilder(this.gateway.resolve("/api/orders"))
							.header("Content-Type", "application/json")
							.header("Idempotency-Key", this.key)
							.timeout(Duration.ofSeconds(10))
							.POST(HttpRequest.BodyPublishers.ofString(this.payloads[payload]))
							.build(), HttpResponse.BodyHandlers.ofString());
					status = response.statusCode();
					retryAfter = RetryPolicy.retryAfter(response.headers());
					replayed = response.headers().firstValue(REPLAYED).isPresent();
					if (status == 202) {
						orderId = UUID.fromString(json.readTree(response.body()).get("orderId").asString());
					}
				}
				catch (IOException ex) {
					status = 0;
				}
				boolean retryable = Outcome.of(status).retryable();
				if (status == 409) {
					tally.conflicts.incrementAndGet();
				}
				Optional<Duration> wait = retryable
						? RETRIES.delayAfter(attempt, retryAfter, ThreadLocalRandom.current()) : Optional.empty();
				if (wait.isEmpty()) {
					count(tally, status, replayed);
					return new Answer(payload, status, replayed, orderId);
				}
				tally.retries.incrementAndGet();
				Thread.sleep(wait.get());
			}
		}

		private static void count(Tally tally, int status, boolean replayed) {
			switch (status) {
				case 202 -> (replayed ? tally.replayed : tally.placed).incrementAndGet();
				case 409 -> tally.finalConflicts.incrementAndGet();
				case 422 -> tally.reused.incrementAndGet();
				default -> tally.other.incrementAndGet();
			}
		}

		private static String order(String customer, String sku, int quantity) {
			return "{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
					+ "}]}";
		}

	}

}
