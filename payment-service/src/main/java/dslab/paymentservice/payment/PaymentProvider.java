package dslab.paymentservice.payment;

import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dslab.paymentservice.payment.ChargeOutcome.Captured;
import dslab.paymentservice.payment.ChargeOutcome.Declined;
import dslab.reliability.faults.Faults;
import dslab.reliability.faults.Operation;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/**
 * The payment provider's HTTP API, seen from this service. Every charge of an order
 * carries the idempotency key {@code order-<orderId>}, so however often it is retried the
 * provider charges the order once.
 */
@Component
class PaymentProvider {

	static final String CURRENCY = "EUR";

	/** The type of the provider's 503 when it works on as many charges as it can. */
	static final String AT_CAPACITY = "urn:dslab:problem:provider-at-capacity";

	private final RestClient http;

	private final Faults faults;

	PaymentProvider(RestClient.Builder builder, ProviderSettings settings, Faults faults) {
		this.http = builder.baseUrl(settings.baseUrl())
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.timeLimit())))
			.build();
		this.faults = faults;
	}

	/**
	 * Asks the provider, once, to charge the customer for the order.
	 * @return captured or declined
	 * @throws ProviderSaturatedException if the provider is at its capacity (429, or 503
	 * of type {@value #AT_CAPACITY})
	 * @throws ProviderUnavailableException if the provider gave neither answer
	 * @throws ProviderRejectedChargeException if the provider rejected the request as
	 * invalid
	 */
	ChargeOutcome charge(UUID orderId, String customerId, BigDecimal amount) {
		this.faults.inject(Operation.PROVIDER_CALL);
		try {
			return this.http.post()
				.uri("/charges")
				.header("Idempotency-Key", idempotencyKey(orderId))
				.contentType(MediaType.APPLICATION_JSON)
				.body(new ChargeRequest(orderId, customerId, amount, CURRENCY))
				.exchange((request, response) -> {
					HttpStatusCode status = response.getStatusCode();
					String answered = "Payment provider answered " + status + " to the charge of order " + orderId;
					return switch (status.value()) {
						case 201 -> new Captured(response.bodyTo(Receipt.class).chargeId());
						case 402 -> response.bodyTo(Decline.class).outcome();
						case 429 -> throw new ProviderSaturatedException(answered, retryAfter(response.getHeaders()));
						case 503 -> {
							Duration retryAfter = retryAfter(response.getHeaders());
							if (atCapacity(response)) {
								throw new ProviderSaturatedException(answered, retryAfter);
							}
							throw ProviderUnavailableException.refused(answered, retryAfter);
						}
						default -> throw (status.is4xxClientError()) ? new ProviderRejectedChargeException(answered)
								: ProviderUnavailableException.outcomeUnknown(answered, null);
					};
				});
		}
		catch (ResourceAccessException ex) {
			String failed = "Payment provider failed to charge order " + orderId + ": " + ex.getMessage();
			throw (neverSent(ex)) ? ProviderUnavailableException.notSent(failed, ex)
					: ProviderUnavailableException.outcomeUnknown(failed, ex);
		}
		catch (RestClientException ex) {
			throw ProviderUnavailableException
				.outcomeUnknown("Payment provider failed to charge order " + orderId + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean atCapacity(ConvertibleClientHttpResponse response) {
		try {
			Problem problem = response.bodyTo(Problem.class);
			return problem != null && AT_CAPACITY.equals(problem.type());
		}
		catch (RestClientException ex) {
			return false;
		}
	}

	/** Whether the request failed before it could reach the provider. */
	private static boolean neverSent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@code Retry-After} in seconds or as an HTTP date; {@code null} when absent or
	 * unreadable.
	 */
	static Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Duration until = Duration.between(Instant.now(),
						ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
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

	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Problem(String type) {
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
