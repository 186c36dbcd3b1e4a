package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import dslab.cluster.KafkaBroker;
import dslab.contracts.OrderLine;
import dslab.contracts.OrderPlaced;
import dslab.contracts.PaymentCaptured;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.envelope.EventEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.json.JsonContent;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /admin/audit}: the snapshot a drill's auditor reads shows every item's stock
 * and every reservation as the saga left them, with the inbox and outbox counts.
 */
class InventoryAuditTest extends InventoryIntegrationTest {

	private static final String ADMIN = "Bearer lab-admin-token";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventCatalog catalog;

	SagaTraffic saga;

	@BeforeEach
	void connect() {
		this.saga = new SagaTraffic(this.kafka, new EnvelopeCodec(this.json, this.catalog, "inventory-audit-test"),
				KafkaBroker.shared());
	}

	@AfterEach
	void disconnect() {
		this.saga.close();
	}

	@Test
	void refusesSnapshotWithoutAdminToken() {
		assertThat(this.mvc.get().uri("/admin/audit")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/admin/audit").header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void showsRestockedUnitsOfAnItem() {
		String sku = newSku("7.50", 3);
		assertThat(this.mvc.post()
			.uri("/admin/stock/{sku}/restock", sku)
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"quantity\":10}")).hasStatusOk();

		MvcTestResult audit = audit();

		assertThat(audit).hasStatusOk().bodyJson().extractingPath("$.service").isEqualTo("inventory-service");
		assertThat(audit).bodyJson().extractingPath("$.takenAt").asString().isNotBlank();
		assertThat(new JsonContent(stockIn(audit, sku).toString())).isStrictlyEqualTo("""
				{"sku": "%s", "initial": 3, "restocked": 10, "available": 13, "reserved": 0, "sold": 0}
				""".formatted(sku));
	}

	@Test
	void showsReservationUntilItsOrderIsPaidAndTheEventsItsInboxHandled() {
		String sku = newSku("12.50", 5);
		UUID orderId = UUID.randomUUID();
		long processed = consumer(audit()).get("processed").asLong();

		this.saga.send(new OrderPlaced(orderId, "customer-1", List.of(new OrderLine(sku, 2))));

		eventually().untilAsserted(() -> assertThat(new JsonContent(reservationsOf(audit(), orderId).toString()))
			.isStrictlyEqualTo("""
					[{"orderId": "%s", "sku": "%s", "quantity": 2, "status": "RESERVED"}]""".formatted(orderId, sku)));
		assertThat(stockIn(audit(), sku).get("reserved").asInt()).isEqualTo(2);
		// In the saga a payment follows StockReserved, which the joiner publishes as it
		// marks the
		// order reserved; the SKU owner's reservation row comes one hop before that.
		eventually().untilAsserted(
				() -> assertThat(this.jdbc.sql("SELECT status FROM order_reservations WHERE order_id = :orderId")
					.param("orderId", orderId)
					.query(String.class)
					.single()).isEqualTo("RESERVED"));

		EventEnvelope captured = this.saga
			.send(new PaymentCaptured(orderId, UUID.randomUUID(), new BigDecimal("25.00"), "ch-1"));

		eventually().untilAsserted(
				() -> assertThat(reservationsOf(audit(), orderId).get(0).get("status").asString()).isEqualTo("SOLD"));
		long duplicates = consumer(audit()).get("duplicates").asLong();
		this.saga.send(captured);

		eventually()
			.untilAsserted(() -> assertThat(consumer(audit()).get("duplicates").asLong()).isEqualTo(duplicates + 1));
		MvcTestResult audit = audit();
		assertThat(new JsonContent(stockIn(audit, sku).toString())).isStrictlyEqualTo("""
				{"sku": "%s", "initial": 5, "restocked": 0, "available": 3, "reserved": 0, "sold": 2}
				""".formatted(sku));
		assertThat(consumer(audit).get("processed").asLong()).isGreaterThanOrEqualTo(processed + 2);
		assertThat(audit).bodyJson().extractingPath("$.outboxBacklog").isInstanceOf(Number.class);
	}

	private MvcTestResult audit() {
		return this.mvc.get().uri("/admin/audit").header(HttpHeaders.AUTHORIZATION, ADMIN).exchange();
	}

	private JsonNode stockIn(MvcTestResult audit, String sku) {
		for (JsonNode item : body(audit).get("stock")) {
			if (item.get("sku").asString().equals(sku)) {
				return item;
			}
		}
		throw new AssertionError("The snapshot has no stock of " + sku);
	}

	private List<JsonNode> reservationsOf(MvcTestResult audit, UUID orderId) {
		return body(audit).get("reservations")
			.valueStream()
			.filter((reservation) -> reservation.get("orderId").asString().equals(orderId.toString()))
			.toList();
	}

	private JsonNode consumer(MvcTestResult audit) {
		for (JsonNode consumer : body(audit).get("consumers")) {
			if (consumer.get("consumer").asString().equals(InventoryFlow.CONSUMER)) {
				return consumer;
			}
		}
		throw new AssertionError("The snapshot has no consumer " + InventoryFlow.CONSUMER);
	}

	private JsonNode body(MvcTestResult audit) {
		assertThat(audit).hasStatusOk();
		return this.json.readTree(audit.getResponse().getContentAsByteArray());
	}

}
