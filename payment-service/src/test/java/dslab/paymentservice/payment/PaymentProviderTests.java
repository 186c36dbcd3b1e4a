package dslab.paymentservice.payment;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.UUID;

import dslab.paymentservice.payment.ChargeOutcome.Captured;
import dslab.paymentservice.payment.ChargeOutcome.Declined;
import dslab.reliability.faults.FaultProperties;
import dslab.reliability.faults.Faults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PaymentProviderTests {

	private static final ProviderStub stub = ProviderStub.start();

	private final PaymentProvider provider = providerAt(stub.baseUrl());

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Test
	void chargesWithTheOrdersIdempotencyKey() {
		UUID orderId = UUID.randomUUID();

		ChargeOutcome outcome = this.provider.charge(orderId, "c-1", new BigDecimal("49.80"));

		assertThat(outcome).isInstanceOfSatisfying(Captured.class,
				(captured) -> assertThat(captured.chargeId()).startsWith("ch_"));
		assertThat(stub.callsFor(orderId)).singleElement().satisfies((call) -> {
			assertThat(call.idempotencyKey()).isEqualTo("order-" + orderId);
			assertThat(call.customerId()).isEqualTo("c-1");
			assertThat(call.amount()).isEqualByComparingTo("49.80");
			assertThat(call.currency()).isEqualTo("EUR");
		});
	}

	@Test
	void returnsDeclineWithTheProvidersReason() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, 402);

		ChargeOutcome outcome = this.provider.charge(orderId, "c-declined", new BigDecimal("49.80"));

		assertThat(outcome).isInstanceOfSatisfying(Declined.class,
				(declined) -> assertThat(declined.reason()).isEqualTo("customer c-declined is blocked"));
	}

	@Test
	void treatsRefusalAsUnavailableAndCertainlyNotCharged() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, 503);
		stub.retryAfter(orderId, "3");

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.charge(orderId, "c-1", BigDecimal.TEN))
			.withMessageContaining("503")
			.satisfies((ex) -> {
				assertThat(ex.certainlyNotCharged()).isTrue();
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@ParameterizedTest
	@ValueSource(ints = { 429, ProviderStub.AT_CAPACITY })
	void tellsAProviderAtItsCapacityFromOneThatFails(int status) {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, status);
		stub.retryAfter(orderId, "2");

		assertThatExceptionOfType(ProviderSaturatedException.class)
			.isThrownBy(() -> this.provider.charge(orderId, "c-1", BigDecimal.TEN))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 504 })
	void treatsOtherServerErrorsAsUnavailableWithUnknownOutcome(int status) {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, status);

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.charge(orderId, "c-1", BigDecimal.TEN))
			.satisfies((ex) -> assertThat(ex.certainlyNotCharged()).isFalse());
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 404, 422 })
	void treatsOtherClientErrorsAsARejectedRequest(int status) {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, status);

		assertThatExceptionOfType(ProviderRejectedChargeException.class)
			.isThrownBy(() -> this.provider.charge(orderId, "c-1", BigDecimal.TEN))
			.withMessageContaining(String.valueOf(status));
	}

	@Test
	void treatsRefusedConnectionAsUnavailableAndNotSent() throws IOException {
		PaymentProvider nobodyListening = providerAt("http://localhost:" + closedPort());

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> nobodyListening.charge(UUID.randomUUID(), "c-1", BigDecimal.TEN))
			.satisfies((ex) -> assertThat(ex.certainlyNotCharged()).isTrue());
	}

	@Test
	void treatsLostAnswerAsUnavailableWithUnknownOutcome() {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, ProviderStub.LOST);

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.charge(orderId, "c-1", BigDecimal.TEN))
			.satisfies((ex) -> assertThat(ex.certainlyNotCharged()).isFalse());
	}

	@Test
	void readsRetryAfterInSecondsOrAsAnHttpDate() {
		assertThat(PaymentProvider.retryAfter(headers("7"))).isEqualTo(Duration.ofSeconds(7));
		assertThat(PaymentProvider.retryAfter(headers(
				DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30)))))
			.isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
		assertThat(PaymentProvider.retryAfter(headers("soon"))).isNull();
		assertThat(PaymentProvider.retryAfter(new HttpHeaders())).isNull();
	}

	private static HttpHeaders headers(String retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
		return headers;
	}

	static PaymentProvider providerAt(String baseUrl) {
		return new PaymentProvider(RestClient.builder(), settings(baseUrl), noFaults());
	}

	/** The defaults of application.properties, at this base URL. */
	static ProviderSettings settings(String baseUrl) {
		return new ProviderSettings(baseUrl, Duration.ofSeconds(1), Duration.ofSeconds(2),
				new ProviderSettings.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2)),
				new ProviderSettings.Budget(0.2, 2, 0.1, Duration.ofSeconds(10)),
				new ProviderSettings.Breaker(80, Duration.ofSeconds(10), 10, Duration.ofSeconds(5), 3),
				new ProviderSettings.Saturation(16, Duration.ofSeconds(1)));
	}

	static Faults noFaults() {
		return new Faults(new FaultProperties(null, null, 0, null, null, Duration.ofSeconds(10)), new Random(),
				(status) -> {
				}, new SimpleMeterRegistry());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
