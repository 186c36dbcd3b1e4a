package dslab.orderservice.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dslab.contracts.PaymentCaptured;
import dslab.contracts.PricedLine;
import dslab.contracts.SagaEvent;
import dslab.contracts.StockReserved;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.json.JsonContent;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /admin/audit}: the snapshot a drill's auditor reads shows every order as the
 * saga left it, with the inbox and outbox counts.
 */
class OrderAuditTests extends IntegrationTest {

	private static final String ADMIN = "Bearer lab-admin-token";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private EnvelopeCodec codec;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Test
	void refusesSnapshotWithoutAdminToken() {
		assertThat(this.mvc.get().uri("/admin/audit")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/admin/audit").header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void showsPlacedOrderAsPendingWithItsIdempotencyKey() {
		String customer = "c-" + UUID.randomUUID();
		UUID orderId = place(customer, "audit-1");

		MvcTestResult audit = audit();

		assertThat(audit).hasStatusOk().bodyJson().extractingPath("$.service").isEqualTo("order-service");
		assertThat(audit).bodyJson().extractingPath("$.takenAt").asString().isNotBlank();
		JsonNode order = orderIn(audit, orderId);
		assertThat(order.propertyNames()).containsExactly("orderId", "customerId", "status", "reason", "amount",
				"idempotencyKey", "createdAt", "updatedAt");
		assertThat(new JsonContent(order.toString())).isLenientlyEqualTo("""
				{"orderId": "%s", "customerId": "%s", "status": "PENDING", "reason": null, "amount": null,
				 "idempotencyKey": "audit-1"}""".formatted(orderId, customer));
	}

	@Test
	void showsConfirmedOrderWithItsAmountAndTheEventsItsInboxHandled() {
		UUID orderId = place("c-audit", null);
		long processed = consumer(audit()).get("processed").asLong();

		publish(new StockReserved(orderId, "c-audit", List.of(new PricedLine("SKU-1", 2, new BigDecimal("12.50"))),
				new BigDecimal("25.00")));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(orderIn(audit(), orderId).get("status").asString()).isEqualTo("RESERVED"));
		EventEnvelope captured = publish(
				new PaymentCaptured(orderId, UUID.randomUUID(), new BigDecimal("25.00"), "ch-1"));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(orderIn(audit(), orderId).get("status").asString()).isEqualTo("CONFIRMED"));
		long duplicates = consumer(audit()).get("duplicates").asLong();
		send(captured);

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(consumer(audit()).get("duplicates").asLong()).isEqualTo(duplicates + 1));
		MvcTestResult audit = audit();
		assertThat(audit).bodyJson().extractingPath("$.outboxBacklog").isInstanceOf(Number.class);
		assertThat(orderIn(audit, orderId).get("amount").decimalValue()).isEqualByComparingTo("25.00");
		assertThat(orderIn(audit, orderId).get("reason").isNull()).isTrue();
		assertThat(consumer(audit).get("processed").asLong()).isGreaterThanOrEqualTo(processed + 2);
	}

	@Test
	void writesAmountsAsNumbersWithTwoDecimals() throws Exception {
		UUID orderId = place("c-audit", null);
		publish(new PaymentCaptured(orderId, UUID.randomUUID(), new BigDecimal("24.5"), "ch-2"));

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(orderIn(audit(), orderId).get("status").asString()).isEqualTo("CONFIRMED"));
		assertThat(audit().getResponse().getContentAsString())
			.containsPattern("\\{\"orderId\":\"" + orderId + "\",[^}]*\"amount\":24\\.50,");
	}

	private MvcTestResult audit() {
		return this.mvc.get().uri("/admin/audit").header(HttpHeaders.AUTHORIZATION, ADMIN).exchange();
	}

	private JsonNode orderIn(MvcTestResult audit, UUID orderId) {
		assertThat(audit).hasStatusOk();
		for (JsonNode order : body(audit).get("orders")) {
			if (order.get("orderId").asString().equals(orderId.toString())) {
				return order;
			}
		}
		throw new AssertionError("The snapshot has no order " + orderId);
	}

	private JsonNode consumer(MvcTestResult audit) {
		assertThat(audit).hasStatusOk();
		for (JsonNode consumer : body(audit).get("consumers")) {
			if (consumer.get("consumer").asString().equals(SagaEventListener.CONSUMER)) {
				return consumer;
			}
		}
		throw new AssertionError("The snapshot has no consumer " + SagaEventListener.CONSUMER);
	}

	private JsonNode body(MvcTestResult result) {
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

	private UUID place(String customerId, String idempotencyKey) {
		var request = this.mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
				{"customerId": "%s", "lines": [{"sku": "SKU-1", "quantity": 2}]}
				""".formatted(customerId));
		request.header("Idempotency-Key", (idempotencyKey != null) ? idempotencyKey : UUID.randomUUID().toString());
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return UUID.fromString(body(result).get("orderId").asString());
	}

	private EventEnvelope publish(SagaEvent event) {
		EventEnvelope envelope = this.codec.wrap(event, event.key(), event.orderId().toString(), null);
		send(envelope);
		return envelope;
	}

	private void send(EventEnvelope envelope) {
		SagaEvent event = (SagaEvent) envelope.payload();
		try {
			this.kafka.send(event.topic(), envelope.key(), this.codec.encode(envelope)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish " + envelope.type(), ex);
		}
	}

}
