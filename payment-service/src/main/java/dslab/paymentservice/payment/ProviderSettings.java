package dslab.paymentservice.payment;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the payment provider is and how long a charge may take before it counts as failed
 * (and is retried).
 *
 * @param baseUrl the provider's base URL
 * @param connectTimeout the longest wait for a connection
 * @param readTimeout the longest wait for an answer once connected
 */
@Validated
@ConfigurationProperties("lab.payment.provider")
record ProviderSettings(@DefaultValue("http://localhost:8084") @NotBlank String baseUrl,
		@DefaultValue("2s") @NotNull Duration connectTimeout, @DefaultValue("5s") @NotNull Duration readTimeout) {
}
