package dslab.provider.charge;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonContent;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /admin/audit}: the snapshot a drill's auditor reads shows every charge keyed
 * by its idempotency key. The charge API tests' setup, on a fresh in-memory H2 of its
 * own.
 */
// Inline, not dynamic, so that the PostgreSQL subclass's dynamic properties override it.
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:provider-audit-${random.uuid}"
		+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class ChargeAuditTests {

	// /admin/** asks for the admin token, on the provider as on every service.
	private static final String ADMIN = "Bearer lab-admin-token";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonMapper json;

	@Test
	void showsEveryChargeKeyedByItsIdempotencyKey() {
		String capturedKey = newKey();
		String declinedKey = newKey();
		UUID orderId = UUID.randomUUID();
		String chargeId = body(charge(capturedKey, orderId, "c-1", "49.8")).get("chargeId").asString();
		charge(declinedKey, orderId, "c-declined", "20");

		MvcTestResult audit = audit();

		assertThat(audit).hasStatusOk().bodyJson().extractingPath("$.service").isEqualTo("payment-provider");
		assertThat(audit).bodyJson().extractingPath("$.takenAt").asString().isNotBlank();
		assertThat(new JsonContent(chargesKeyed(audit, capturedKey).toString())).isStrictlyEqualTo("""
				[{"idempotencyKey": "%s", "chargeId": "%s", "orderId": "%s", "customerId": "c-1", "amount": 49.80,
				  "status": "CAPTURED", "reason": null}]""".formatted(capturedKey, chargeId, orderId));
		assertThat(new JsonContent(chargesKeyed(audit, declinedKey).toString())).isLenientlyEqualTo("""
				[{"idempotencyKey": "%s", "orderId": "%s", "customerId": "c-declined", "amount": 20.00,
				  "status": "DECLINED", "reason": "customer c-declined is blocked"}]""".formatted(declinedKey,
				orderId));
	}

	@Test
	void showsReplayedRequestAsTheOneChargeOfItsKey() {
		String key = newKey();
		UUID orderId = UUID.randomUUID();
		charge(key, orderId, "c-1", "10.00");
		charge(key, orderId, "c-1", "10.00");

		assertThat(chargesKeyed(audit(), key)).hasSize(1);
	}

	@Test
	void writesAmountsAsNumbersWithTwoDecimals() throws Exception {
		String key = newKey();
		charge(key, UUID.randomUUID(), "c-1", "7");

		assertThat(audit().getResponse().getContentAsString())
			.containsPattern("\"idempotencyKey\":\"" + key + "\",[^}]*\"amount\":7\\.00,");
	}

	private MvcTestResult charge(String key, UUID orderId, String customerId, String amount) {
		return this.mvc.post()
			.uri("/charges")
			.header(ChargeController.IDEMPOTENCY_KEY, key)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orderId":"%s","customerId":"%s","amount":%s,"currency":"EUR"}""".formatted(orderId, customerId,
					amount))
			.exchange();
	}

	private MvcTestResult audit() {
		return this.mvc.get().uri("/admin/audit").header(HttpHeaders.AUTHORIZATION, ADMIN).exchange();
	}

	private List<JsonNode> chargesKeyed(MvcTestResult audit, String key) {
		assertThat(audit).hasStatus(HttpStatus.OK);
		return body(audit).get("charges")
			.valueStream()
			.filter((charge) -> charge.get("idempotencyKey").asString().equals(key))
			.toList();
	}

	private JsonNode body(MvcTestResult result) {
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

	private static String newKey() {
		return "audit-" + UUID.randomUUID();
	}

}
