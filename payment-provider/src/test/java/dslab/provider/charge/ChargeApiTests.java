package dslab.provider.charge;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charge API over HTTP, on the database each subclass names (a subclass's
 * {@code @DynamicPropertySource} cannot override one declared here, so none is).
 */
// Room for every request of the concurrency test at once: the capacity limit has tests of
// its own (ChargeCapacityTests), and here a refusal for capacity would hide what is
// tested.
@SpringBootTest(properties = "lab.provider.max-concurrent-charges=" + ChargeApiTests.CONCURRENT_REQUESTS)
@AutoConfigureMockMvc
abstract class ChargeApiTests {

	static final int CONCURRENT_REQUESTS = 20;

	@Autowired
	private MockMvcTester mvc;

	@Test
	void capturesChargeAndAnswersReceipt() {
		UUID orderId = UUID.randomUUID();

		MvcTestResult result = charge(newKey(), orderId, "c-1", "49.80");

		assertThat(result).hasStatus(HttpStatus.CREATED).doesNotContainHeader(ChargeController.REPLAYED);
		assertThat(result).bodyJson().extractingPath("$.chargeId").asString().startsWith("ch_");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("CAPTURED");
		assertThat(result).bodyJson().extractingPath("$.orderId").isEqualTo(orderId.toString());
		assertThat(result).bodyJson().extractingPath("$.customerId").isEqualTo("c-1");
		assertThat(result).bodyJson().extractingPath("$.amount").isEqualTo(49.80);
		assertThat(result).bodyJson().extractingPath("$.currency").isEqualTo("EUR");
		assertThat(result).bodyJson().extractingPath("$.createdAt").asString().isNotBlank();
	}

	@Test
	void replaysStoredResponseForSameIdempotencyKey() throws Exception {
		String key = newKey();
		UUID orderId = UUID.randomUUID();
		MvcTestResult first = charge(key, orderId, "c-1", "49.80");

		MvcTestResult again = charge(key, orderId, "c-1", "49.8");

		assertThat(again).hasStatus(HttpStatus.CREATED).hasHeader(ChargeController.REPLAYED, "true");
		assertThat(again.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
		assertThat(ledgerOf(orderId)).bodyJson().extractingPath("$.length()").isEqualTo(1);
	}

	@Test
	void rejectsSameIdempotencyKeyWithDifferentPayload() {
		String key = newKey();
		UUID orderId = UUID.randomUUID();
		charge(key, orderId, "c-1", "49.80");

		MvcTestResult other = charge(key, orderId, "c-1", "59.80");

		assertThat(other).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Idempotency key reused");
		assertThat(ledgerOf(orderId)).bodyJson().extractingPath("$[*].amount").asArray().containsExactly(49.80);
	}

	@Test
	void declinesBlockedCustomer() {
		UUID orderId = UUID.randomUUID();

		MvcTestResult result = charge(newKey(), orderId, "c-declined", "49.80");

		assertThat(result).hasStatus(HttpStatus.PAYMENT_REQUIRED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Payment declined");
		assertThat(result).bodyJson().extractingPath("$.reason").isEqualTo("customer c-declined is blocked");
		assertThat(ledgerOf(orderId)).bodyJson().extractingPath("$[0].status").isEqualTo("DECLINED");
	}

	@Test
	void declinesAmountOverTheLimit() {
		MvcTestResult result = charge(newKey(), UUID.randomUUID(), "c-1", "1200");

		assertThat(result).hasStatus(HttpStatus.PAYMENT_REQUIRED)
			.bodyJson()
			.extractingPath("$.reason")
			.isEqualTo("amount 1200.00 exceeds the limit of 1000.00");
	}

	@Test
	void replaysStoredDeclineForSameIdempotencyKey() throws Exception {
		String key = newKey();
		UUID orderId = UUID.randomUUID();
		MvcTestResult first = charge(key, orderId, "c-declined", "49.80");

		MvcTestResult again = charge(key, orderId, "c-declined", "49.80");

		assertThat(again).hasStatus(HttpStatus.PAYMENT_REQUIRED).hasHeader(ChargeController.REPLAYED, "true");
		assertThat(again.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
	}

	@Test
	void rejectsChargeWithoutIdempotencyKey() {
		MvcTestResult result = this.mvc.post()
			.uri("/charges")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body(UUID.randomUUID(), "c-1", "49.80", "EUR"))
			.exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void rejectsMalformedIdempotencyKey() {
		MvcTestResult result = charge("not a key!", UUID.randomUUID(), "c-1", "49.80");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("Idempotency-Key");
	}

	@Test
	void listsEveryInvalidField() {
		MvcTestResult result = this.mvc.post()
			.uri("/charges")
			.header(ChargeController.IDEMPOTENCY_KEY, newKey())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orderId":"%s","customerId":" ","amount":49.805,"currency":"euro"}""".formatted(UUID.randomUUID()))
			.exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("customerId", "amount", "currency");
	}

	@Test
	void rejectsNonPositiveAmount() {
		MvcTestResult result = charge(newKey(), UUID.randomUUID(), "c-1", "0");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("amount");
	}

	@Test
	void rejectsUnreadableBody() {
		MvcTestResult result = this.mvc.post()
			.uri("/charges")
			.header(ChargeController.IDEMPOTENCY_KEY, newKey())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orderId":"not-a-uuid","customerId":"c-1","amount":49.80,"currency":"EUR"}""")
			.exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void listsLedgerNewestFirstAndByOrder() {
		UUID older = UUID.randomUUID();
		UUID newer = UUID.randomUUID();
		charge(newKey(), older, "c-1", "10.00");
		charge(newKey(), newer, "c-declined", "20.00");

		assertThat(this.mvc.get().uri("/charges")).hasStatus(HttpStatus.OK)
			.bodyJson()
			.extractingPath("$[*].orderId")
			.asArray()
			.containsSubsequence(newer.toString(), older.toString());
		assertThat(ledgerOf(newer)).bodyJson().isLenientlyEqualTo("""
				[{"status":"DECLINED","orderId":"%s","customerId":"c-declined","amount":20.00,"currency":"EUR",
				"reason":"customer c-declined is blocked"}]""".formatted(newer));
	}

	@Test
	void chargesOnceForConcurrentRequestsWithOneKey() throws Exception {
		String key = newKey();
		UUID orderId = UUID.randomUUID();
		int requests = CONCURRENT_REQUESTS;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(requests)) {
			for (int i = 0; i < requests; i++) {
				Callable<MockHttpServletResponse> client = () -> {
					start.await();
					return charge(key, orderId, "c-1", "49.80").getResponse();
				};
				answers.add(clients.submit(client));
			}
			start.countDown();
		}

		List<String> bodies = new ArrayList<>();
		int replayed = 0;
		for (Future<MockHttpServletResponse> answer : answers) {
			MockHttpServletResponse response = answer.get(30, TimeUnit.SECONDS);
			assertThat(response.getStatus()).isEqualTo(HttpStatus.CREATED.value());
			bodies.add(response.getContentAsString());
			replayed += "true".equals(response.getHeader(ChargeController.REPLAYED)) ? 1 : 0;
		}
		assertThat(bodies).hasSize(requests).containsOnly(bodies.get(0));
		assertThat(replayed).isEqualTo(requests - 1);
		assertThat(ledgerOf(orderId)).bodyJson().extractingPath("$.length()").isEqualTo(1);
	}

	private MvcTestResult charge(String key, UUID orderId, String customerId, String amount) {
		return this.mvc.post()
			.uri("/charges")
			.header(ChargeController.IDEMPOTENCY_KEY, key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body(orderId, customerId, amount, "EUR"))
			.exchange();
	}

	private MvcTestResult ledgerOf(UUID orderId) {
		return this.mvc.get().uri("/charges").queryParam("orderId", orderId.toString()).exchange();
	}

	private static String body(UUID orderId, String customerId, String amount, String currency) {
		return """
				{"orderId":"%s","customerId":"%s","amount":%s,"currency":"%s"}""".formatted(orderId, customerId, amount,
				currency);
	}

	private static String newKey() {
		return "test-" + UUID.randomUUID();
	}

}
