package dslab.paymentservice.payment;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dslab.paymentservice.payment.ChargeOutcome.Captured;
import dslab.paymentservice.payment.ChargeOutcome.Declined;
import dslab.reliability.faults.Faults;
import dslab.reliability.faults.Operation;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The payment provider's HTTP API, seen from this service. Every charge of an order
 * carries the idempotency key {@code order-<orderId>}, so however often it is retried the
 * provider charges the order once.
 */
@Component
class PaymentProvider {

	static final String CURRENCY = "EUR";

	private final RestClient http;

	private final Faults faults;

	PaymentProvider(RestClient.Builder builder, ProviderSettings settings, Faults faults) {
		this.http = builder.baseUrl(settings.baseUrl())
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.readTimeout())))
			.build();
		this.faults = faults;
	}

	/**
	 * Asks the provider to charge the customer for the order.
	 * @return captured or declined
	 * @throws ProviderUnavailableException if the provider gave neither answer
	 */
	ChargeOutcome charge(UUID orderId, String customerId, BigDecimal amount) {
		this.faults.inject(Operation.PROVIDER_CALL);
		try {
			return this.http.post()
				.uri("/charges")
				.header("Idempotency-Key", idempotencyKey(orderId))
				.contentType(MediaType.APPLICATION_JSON)
				.body(new ChargeRequest(orderId, customerId, amount, CURRENCY))
				.exchange((request, response) -> switch (response.getStatusCode().value()) {
					case 201 -> new Captured(response.bodyTo(Receipt.class).chargeId());
					case 402 -> response.bodyTo(Decline.class).outcome();
					default -> throw new ProviderUnavailableException("Payment provider answered "
							+ response.getStatusCode() + " to the charge of order " + orderId);
				});
		}
		catch (RestClientException ex) {
			throw new ProviderUnavailableException(
					"Payment provider failed to charge order " + orderId + ": " + ex.getMessage(), ex);
		}
	}

	private static String idempotencyKey(UUID orderId) {
		return "order-" + orderId;
	}

	private record ChargeRequest(UUID orderId, String customerId, BigDecimal amount, String currency) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Receipt(String chargeId) {
	}

	/** The provider's 402 problem, with the reason in a property of its own. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Decline(String chargeId, String reason) {

		Declined outcome() {
			return new Declined(this.chargeId,
					(this.reason != null) ? this.reason : "declined by the payment provider");
		}

	}

}
