package dslab.paymentservice.payment;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
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

	@ParameterizedTest
	@ValueSource(ints = { 400, 422, 429, 500, 503 })
	void treatsAnyOtherAnswerAsUnavailable(int status) {
		UUID orderId = UUID.randomUUID();
		stub.answer(orderId, status);

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.charge(orderId, "c-1", BigDecimal.TEN))
			.withMessageContaining(String.valueOf(status));
	}

	@Test
	void treatsRefusedConnectionAsUnavailable() throws IOException {
		PaymentProvider nobodyListening = providerAt("http://localhost:" + closedPort());

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> nobodyListening.charge(UUID.randomUUID(), "c-1", BigDecimal.TEN));
	}

	private static PaymentProvider providerAt(String baseUrl) {
		return new PaymentProvider(RestClient.builder(),
				new ProviderSettings(baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(5)), noFaults());
	}

	private static Faults noFaults() {
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
