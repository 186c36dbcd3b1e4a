package dslab.provider.charge;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** What a merchant asks the provider to charge. */
record ChargeRequest(@NotNull UUID orderId, @NotBlank @Size(max = 100) String customerId,
		@NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal amount, @NotNull @Pattern(regexp = "[A-Z]{3}",
				message = "must be a three-letter currency code such as EUR") String currency) {

	/**
	 * Identifies the request's content, so a reused idempotency key with a different body
	 * is told apart from a retry ({@code 49.8} and {@code 49.80} are the same amount).
	 */
	String fingerprint() {
		String canonical = this.orderId + "|" + this.customerId + "|" + this.amount.setScale(2).toPlainString() + "|"
				+ this.currency;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
