package dslab.system;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order saga end to end, through the gateway, against the real lab: a Kafka broker
 * and every service as its own process. The steps mirror the saga: place, reserve or
 * reject, charge or decline, confirm or compensate.
 */
class OrderSagaEndToEndTest {

	private static final Duration SAGA_BOUND = Duration.ofSeconds(30);

	private static final List<String> TERMINAL = List.of("CONFIRMED", "REJECTED", "CANCELLED");

	private static LabClient lab;

	@BeforeAll
	static void startLab() {
		lab = RunningLab.client();
	}

	@Test
	void orderIsReservedChargedAndConfirmed() {
		JsonNode before = lab.stock("SKU-1");

		LabClient.Response placed = lab.placeOrder("c-1", Map.of("SKU-1", 2));

		assertThat(placed.status()).isEqualTo(202);
		String orderId = placed.body().get("orderId").asString();
		assertThat(placed.location()).isEqualTo("/api/orders/" + orderId);
		assertThat(placed.body().get("status").asString()).isEqualTo("PENDING");
		JsonNode order = awaitStatus(orderId, "CONFIRMED");
		BigDecimal price = before.get("price").decimalValue();
		assertThat(order.get("amount").decimalValue()).isEqualByComparingTo(price.multiply(BigDecimal.valueOf(2)));
		// Reservation and payment outcome come on two topics: the payment may be handled
		// first, and the reservation joins the timeline after it ("after the payment
		// outcome").
		await().atMost(SAGA_BOUND)
			.untilAsserted(() -> assertThat(types(lab.order(orderId).get("timeline")))
				.containsExactlyInAnyOrder("OrderPlaced", "StockReserved", "PaymentCaptured"));
		JsonNode payments = lab.payments(orderId);
		assertThat(payments).hasSize(1);
		assertThat(payments.get(0).get("status").asString()).isEqualTo("CAPTURED");
		assertThat(payments.get(0).get("amount").decimalValue())
			.isEqualByComparingTo(order.get("amount").decimalValue());
		await().atMost(SAGA_BOUND).untilAsserted(() -> {
			JsonNode after = lab.stock("SKU-1");
			assertThat(after.get("available").asInt()).isEqualTo(before.get("available").asInt() - 2);
			assertThat(after.get("reserved").asInt()).isEqualTo(before.get("reserved").asInt());
			assertThat(after.get("sold").asInt()).isEqualTo(before.get("sold").asInt() + 2);
		});
	}

	@Test
	void orderBeyondStockIsRejectedAndStockIsUnchanged() {
		JsonNode before = lab.stock("SKU-4");
		int tooMany = before.get("available").asInt() + 1;

		String orderId = lab.placeOrder("c-2", Map.of("SKU-1", 1, "SKU-4", tooMany)).body().get("orderId").asString();

		JsonNode order = awaitStatus(orderId, "REJECTED");
		assertThat(order.get("reason").asString()).contains("SKU-4");
		assertThat(lab.payments(orderId)).isEmpty();
		assertThat(lab.stock("SKU-4")).isEqualTo(before);
	}

	@Test
	void declinedPaymentCancelsTheOrderAndReleasesTheReservation() {
		JsonNode before = lab.stock("SKU-2");

		String orderId = lab.placeOrder("c-declined", Map.of("SKU-2", 3)).body().get("orderId").asString();

		JsonNode order = awaitStatus(orderId, "CANCELLED");
		assertThat(order.get("reason").asString()).contains("declined");
		assertThat(lab.payments(orderId).get(0).get("status").asString()).isEqualTo("DECLINED");
		await().atMost(SAGA_BOUND).untilAsserted(() -> assertThat(lab.stock("SKU-2")).isEqualTo(before));
	}

	@Test
	void invalidOrderIsRefusedWithAProblemAndWritesNothing() {
		String customer = "c-invalid-" + java.util.UUID.randomUUID();

		LabClient.Response refused = lab.placeOrder(customer, Map.of("SKU-1", 0));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.body().get("status").asInt()).isEqualTo(400);
		assertThat(refused.body().toString()).doesNotContain("Exception").doesNotContain("at dslab.");
		assertThat(lab.get("/api/orders?customerId=" + customer).body()).isEmpty();
	}

	@Test
	void gatewayNeverRoutesAdminOrActuatorPaths() {
		assertThat(lab.get("/admin/stock/SKU-1/restock").status()).isEqualTo(404);
		assertThat(lab.get("/api/stock/../../admin/stock").status()).isIn(400, 404);
		assertThat(lab.get("/actuator/env").status()).isEqualTo(404);
	}

	@Test
	void afterTwoHundredMixedOrdersEveryOrderIsTerminalAndStockBalances() throws Exception {
		// Earlier tests' orders are terminal, but their sales and releases come two hops
		// later
		// (splitter, then the SKU's owner): count from a settled stock, or they count
		// here.
		await().atMost(SAGA_BOUND)
			.untilAsserted(() -> assertThat(stockBySku().values())
				.allSatisfy((stock) -> assertThat(stock.get("reserved").asInt()).as("reserved before").isZero()));
		Map<String, JsonNode> stockBefore = stockBySku();
		long started = System.nanoTime();
		Random random = new Random(42);
		List<String> skus = List.copyOf(stockBefore.keySet());
		List<Future<LabClient.Response>> placing = new ArrayList<>();
		try (var clients = Executors.newFixedThreadPool(16)) {
			for (int i = 0; i < 200; i++) {
				String customer = (i % 10 == 0) ? "c-declined" : "c-" + random.nextInt(20);
				Map<String, Integer> lines = new LinkedHashMap<>();
				for (int line = 0, count = 1 + random.nextInt(2); line < count; line++) {
					lines.put(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(3));
				}
				placing.add(clients.submit(() -> lab.placeOrder(customer, lines)));
			}
		}
		List<String> orderIds = new ArrayList<>();
		for (Future<LabClient.Response> response : placing) {
			assertThat(response.get().status()).isEqualTo(202);
			orderIds.add(response.get().body().get("orderId").asString());
		}

		Map<String, JsonNode> orders = new HashMap<>();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			for (String orderId : orderIds) {
				if (!orders.containsKey(orderId)) {
					JsonNode order = lab.order(orderId);
					if (TERMINAL.contains(order.get("status").asString())) {
						orders.put(orderId, order);
					}
				}
			}
			assertThat(orders).hasSameSizeAs(orderIds);
		});
		System.out.printf("200 mixed orders placed and terminal in %.1f s: %s%n", (System.nanoTime() - started) / 1e9,
				orders.values()
					.stream()
					.collect(java.util.stream.Collectors.groupingBy((order) -> order.get("status").asString(),
							java.util.TreeMap::new, java.util.stream.Collectors.counting())));

		Map<String, Integer> soldByConfirmed = new HashMap<>();
		for (JsonNode order : orders.values()) {
			JsonNode payments = lab.payments(order.get("orderId").asString());
			switch (order.get("status").asString()) {
				case "CONFIRMED" -> {
					assertThat(payments).hasSize(1);
					assertThat(payments.get(0).get("status").asString()).isEqualTo("CAPTURED");
					assertThat(payments.get(0).get("amount").decimalValue())
						.isEqualByComparingTo(order.get("amount").decimalValue());
					order.get("lines")
						.forEach((line) -> soldByConfirmed.merge(line.get("sku").asString(),
								line.get("quantity").asInt(), Integer::sum));
				}
				case "CANCELLED" -> {
					assertThat(payments).hasSize(1);
					assertThat(payments.get(0).get("status").asString()).isEqualTo("DECLINED");
				}
				default -> assertThat(payments).isEmpty();
			}
		}
		assertThat(orders.values()).extracting((order) -> order.get("status").asString())
			.contains("CONFIRMED", "REJECTED", "CANCELLED");
		await().atMost(SAGA_BOUND).untilAsserted(() -> {
			Map<String, JsonNode> after = stockBySku();
			for (String sku : skus) {
				JsonNode was = stockBefore.get(sku);
				JsonNode now = after.get(sku);
				int initial = total(was);
				assertThat(now.get("reserved").asInt()).as("reserved %s", sku).isZero();
				assertThat(total(now)).as("available + reserved + sold of %s", sku).isEqualTo(initial);
				assertThat(now.get("available").asInt()).as("available %s", sku).isNotNegative();
				assertThat(now.get("sold").asInt() - was.get("sold").asInt()).as("sold %s", sku)
					.isEqualTo(soldByConfirmed.getOrDefault(sku, 0));
			}
		});
	}

	@Test
	void reportsTheLatencyOfOneOrderFromPostToConfirmed() {
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long started = System.nanoTime();
			String orderId = lab.placeOrder("c-latency", Map.of("SKU-3", 1)).body().get("orderId").asString();
			await().atMost(SAGA_BOUND)
				.pollInterval(Duration.ofMillis(5))
				.until(() -> lab.order(orderId).get("status").asString().equals("CONFIRMED"));
			millis.add((System.nanoTime() - started) / 1_000_000);
		}
		System.out.printf("POST to CONFIRMED latency (ms) over 5 orders: %s%n", millis);
		assertThat(millis).allMatch((ms) -> ms < SAGA_BOUND.toMillis());
	}

	private static JsonNode awaitStatus(String orderId, String status) {
		await().atMost(SAGA_BOUND)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(lab.order(orderId).get("status").asString()).isEqualTo(status));
		return lab.order(orderId);
	}

	private static Map<String, JsonNode> stockBySku() {
		Map<String, JsonNode> stock = new LinkedHashMap<>();
		lab.allStock().forEach((item) -> stock.put(item.get("sku").asString(), item));
		return stock;
	}

	private static int total(JsonNode item) {
		return item.get("available").asInt() + item.get("reserved").asInt() + item.get("sold").asInt();
	}

	private static List<String> types(JsonNode timeline) {
		return StreamSupport.stream(timeline.spliterator(), false)
			.map((entry) -> entry.get("type").asString())
			.toList();
	}

}
