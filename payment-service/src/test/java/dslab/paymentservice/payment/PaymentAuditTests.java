package dslab.paymentservice.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dslab.cluster.KafkaBroker;
import dslab.contracts.InventoryEvent;
import dslab.contracts.PricedLine;
import dslab.contracts.StockReserved;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.json.JsonContent;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /admin/audit}: the snapshot a drill's auditor reads shows every payment as
 * the provider's answer decided it, with the inbox and outbox counts. The flow tests'
 * setup, on a fresh in-memory H2 of its own.
 */
// Inline, not dynamic, so that the PostgreSQL subclass's dynamic properties override it.
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:payments-audit-${random.uuid}"
		+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class PaymentAuditTests {

	private static final String ADMIN = "Bearer lab-admin-token";

	static final ProviderStub provider = ProviderStub.start();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private EnvelopeCodec codec;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", KafkaBroker::shared);
		registry.add("lab.payment.provider.base-url", provider::baseUrl);
	}

	@Test
	void refusesSnapshotWithoutAdminToken() {
		assertThat(this.mvc.get().uri("/admin/audit")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/admin/audit").header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void showsCapturedPaymentAndTheEventsItsInboxHandled() {
		StockReserved reserved = stockReserved("c-1", "49.8");
		long processed = consumer(audit()).get("processed").asLong();

		EventEnvelope event = publish(reserved);

		eventually().untilAsserted(() -> assertThat(paymentsOf(audit(), reserved.orderId())).hasSize(1));
		JsonNode payment = paymentsOf(audit(), reserved.orderId()).getFirst();
		assertThat(payment.propertyNames()).containsExactly("paymentId", "orderId", "customerId", "amount", "status",
				"chargeId", "reason");
		assertThat(new JsonContent(payment.toString())).isLenientlyEqualTo("""
				{"orderId": "%s", "customerId": "c-1", "amount": 49.80, "status": "CAPTURED", "reason": null}
				""".formatted(reserved.orderId()));
		assertThat(payment.get("chargeId").asString()).startsWith("ch_");
		long duplicates = consumer(audit()).get("duplicates").asLong();

		send(event);

		eventually()
			.untilAsserted(() -> assertThat(consumer(audit()).get("duplicates").asLong()).isEqualTo(duplicates + 1));
		eventually().untilAsserted(() -> assertThat(audit()).bodyJson().extractingPath("$.outboxBacklog").isEqualTo(0));
		MvcTestResult audit = audit();
		assertThat(audit).bodyJson().extractingPath("$.service").isEqualTo("payment-service");
		assertThat(audit).bodyJson().extractingPath("$.takenAt").asString().isNotBlank();
		assertThat(consumer(audit).get("processed").asLong()).isGreaterThanOrEqualTo(processed + 1);
		assertThat(paymentsOf(audit, reserved.orderId())).hasSize(1);
	}

	@Test
	void showsDeclinedPaymentWithTheProvidersReasonAndAmountWithTwoDecimals() throws Exception {
		StockReserved reserved = stockReserved("c-declined", "15");
		provider.answer(reserved.orderId(), 402);

		publish(reserved);

		eventually().untilAsserted(() -> assertThat(paymentsOf(audit(), reserved.orderId())).hasSize(1));
		assertThat(new JsonContent(paymentsOf(audit(), reserved.orderId()).getFirst().toString()))
			.isLenientlyEqualTo("""
					{"orderId": "%s", "customerId": "c-declined", "status": "DECLINED",
					 "reason": "customer c-declined is blocked"}""".formatted(reserved.orderId()));
		assertThat(audit().getResponse().getContentAsString())
			.containsPattern("\"orderId\":\"" + reserved.orderId() + "\",[^}]*\"amount\":15\\.00,");
	}

	private MvcTestResult audit() {
		return this.mvc.get().uri("/admin/audit").header(HttpHeaders.AUTHORIZATION, ADMIN).exchange();
	}

	private List<JsonNode> paymentsOf(MvcTestResult audit, UUID orderId) {
		return body(audit).get("payments")
			.valueStream()
			.filter((payment) -> payment.get("orderId").asString().equals(orderId.toString()))
			.toList();
	}

	private JsonNode consumer(MvcTestResult audit) {
		for (JsonNode consumer : body(audit).get("consumers")) {
			if (consumer.get("consumer").asString().equals(PaymentFlow.CONSUMER)) {
				return consumer;
			}
		}
		throw new AssertionError("The snapshot has no consumer " + PaymentFlow.CONSUMER);
	}

	private JsonNode body(MvcTestResult audit) {
		assertThat(audit).hasStatusOk();
		return this.json.readTree(audit.getResponse().getContentAsByteArray());
	}

	private static StockReserved stockReserved(String customerId, String total) {
		return new StockReserved(UUID.randomUUID(), customerId,
				List.of(new PricedLine("sku-1", 1, new BigDecimal(total))), new BigDecimal(total));
	}

	private EventEnvelope publish(StockReserved reserved) {
		EventEnvelope envelope = this.codec.wrap(reserved, reserved.key(), reserved.orderId().toString(), null);
		send(envelope);
		return envelope;
	}

	private void send(EventEnvelope envelope) {
		try {
			this.kafka.send(InventoryEvent.TOPIC, envelope.key(), this.codec.encode(envelope))
				.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish " + envelope.type(), ex);
		}
	}

	private static ConditionFactory eventually() {
		return await().atMost(Duration.ofSeconds(30));
	}

}
