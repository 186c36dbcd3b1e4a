package dslab.orderservice.order;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The HTTP edge of the service: what a client sends, what it gets back, what is stored.
 */
class OrderApiTests extends IntegrationTest {

	private static final String ONE_LINE = """
			[{"sku": "SKU-1", "quantity": 2}]""";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void placedOrderIsAcceptedWithItsLocation() {
		MvcTestResult result = post(order("c-1", ONE_LINE));

		assertThat(result).hasStatus(HttpStatus.ACCEPTED).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
		UUID orderId = orderId(result);
		assertThat(result).hasHeader(HttpHeaders.LOCATION, "/api/orders/" + orderId);
		assertThat(count("SELECT COUNT(*) FROM orders WHERE id = :id", orderId)).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM outbox WHERE record_key = :id AND event_type = 'OrderPlaced'",
				orderId.toString()))
			.isEqualTo(1);
	}

	@Test
	void unknownJsonFieldsAreIgnored() {
		assertThat(post("""
				{"customerId": "c-1", "coupon": "SUMMER", "lines": [{"sku": "SKU-1", "quantity": 1, "gift": true}]}
				""")).hasStatus(HttpStatus.ACCEPTED);
	}

	static Stream<Arguments> invalidOrders() {
		String fiftyOneLines = IntStream.range(0, 51)
			.mapToObj((i) -> "{\"sku\": \"SKU-" + i + "\", \"quantity\": 1}")
			.collect(Collectors.joining(",", "[", "]"));
		return Stream.of(arguments("missing customerId", "{\"lines\": " + ONE_LINE + "}", "customerId"),
				arguments("blank customerId", order(" ", ONE_LINE), "customerId"),
				arguments("customerId over 64 characters", order("c".repeat(65), ONE_LINE), "customerId"),
				arguments("missing lines", "{\"customerId\": \"c-1\"}", "lines"),
				arguments("no lines", order("c-1", "[]"), "lines"),
				arguments("51 lines", order("c-1", fiftyOneLines), "lines"),
				arguments("null line", order("c-1", "[null]"), "lines[0]"),
				arguments("blank sku", order("c-1", "[{\"sku\": \"\", \"quantity\": 1}]"), "lines[0].sku"),
				arguments("sku over 64 characters",
						order("c-1", "[{\"sku\": \"" + "S".repeat(65) + "\", \"quantity\": 1}]"), "lines[0].sku"),
				arguments("quantity 0", order("c-1", "[{\"sku\": \"SKU-1\", \"quantity\": 0}]"), "lines[0].quantity"),
				arguments("quantity over 1000", order("c-1", "[{\"sku\": \"SKU-1\", \"quantity\": 1001}]"),
						"lines[0].quantity"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidOrders")
	void invalidOrderIsRefusedAndNothingIsStored(String invalid, String body, String namedInProblem) {
		long orders = count("SELECT COUNT(*) FROM orders");
		long events = count("SELECT COUNT(*) FROM outbox");

		assertThat(post(body)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyText()
			.contains(namedInProblem);
		assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(orders);
		assertThat(count("SELECT COUNT(*) FROM outbox")).isEqualTo(events);
	}

	@Test
	void malformedJsonIsRefused() {
		assertThat(post("{\"customerId\": \"c-1\", \"lines\": [")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Unreadable request body");
	}

	@Test
	void placedOrderShowsItsLinesAndTimeline() {
		UUID orderId = orderId(post(order("c-1", """
				[{"sku": "SKU-1", "quantity": 2}, {"sku": "SKU-2", "quantity": 1}]""")));

		assertThat(this.mvc.get().uri("/api/orders/{id}", orderId)).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{
				  "orderId": "%s",
				  "customerId": "c-1",
				  "status": "PENDING",
				  "reason": null,
				  "lines": [{"sku": "SKU-1", "quantity": 2}, {"sku": "SKU-2", "quantity": 1}],
				  "amount": null,
				  "timeline": [{"type": "OrderPlaced", "producer": "order-service", "detail": "2 x SKU-1, 1 x SKU-2"}]
				}
				""".formatted(orderId));
		assertThat(this.mvc.get().uri("/api/orders/{id}", orderId)).bodyJson()
			.hasPath("$.createdAt")
			.hasPath("$.updatedAt")
			.hasPath("$.timeline[0].eventId")
			.hasPath("$.timeline[0].occurredAt");
	}

	@Test
	void unknownOrderIsNotFound() {
		UUID unknown = UUID.randomUUID();

		assertThat(this.mvc.get().uri("/api/orders/{id}", unknown)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("There is no order " + unknown + ".");
	}

	@Test
	void orderIdThatIsNotAUuidIsRefused() {
		assertThat(this.mvc.get().uri("/api/orders/not-a-uuid")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void customersOrdersAreListedNewestFirst() {
		String customer = "c-" + UUID.randomUUID();
		UUID older = orderId(post(order(customer, ONE_LINE)));
		UUID newer = orderId(post(order(customer, ONE_LINE)));
		post(order("c-someone-else", ONE_LINE));

		assertThat(this.mvc.get().uri("/api/orders").param("customerId", customer)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					[{"orderId": "%s", "status": "PENDING", "amount": null},
					 {"orderId": "%s", "status": "PENDING", "amount": null}]
					""".formatted(newer, older))
			.extractingPath("$[*].orderId")
			.asArray()
			.containsExactly(newer.toString(), older.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " " })
	void listingForBlankCustomerIsRefused(String customerId) {
		assertThat(this.mvc.get().uri("/api/orders").param("customerId", customerId)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("customerId");
	}

	@Test
	void listingWithoutCustomerIsRefused() {
		assertThat(this.mvc.get().uri("/api/orders")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("customerId");
	}

	/** Posts with a new Idempotency-Key, as a client placing a new order does. */
	private MvcTestResult post(String body) {
		return this.mvc.post()
			.uri("/api/orders")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private UUID orderId(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return UUID
			.fromString(this.json.readTree(result.getResponse().getContentAsByteArray()).get("orderId").asString());
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private long count(String sql, Object id) {
		return this.jdbc.sql(sql).param("id", id).query(Long.class).single();
	}

	private static String order(String customerId, String lines) {
		return "{\"customerId\": \"" + customerId + "\", \"lines\": " + lines + "}";
	}

}
