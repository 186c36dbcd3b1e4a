package dslab.provider.charge;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The provider's answer to one idempotency key, captured or declined, kept so that a
 * retry with that key gets the same answer instead of a second charge.
 *
 * @param idempotencyKey the key the merchant chose for the request
 * @param chargeId the provider's id of the charge, for declines too
 * @param orderId the merchant's order
 * @param customerId the merchant's customer
 * @param amount the amount, with two decimals
 * @param currency the ISO currency code
 * @param status captured or declined
 * @param reason why it was declined, {@code null} when captured
 * @param createdAt when the provider decided, in UTC to the microsecond (as stored)
 * @param requestFingerprint the request's content, see
 * {@link ChargeRequest#fingerprint()}
 */
record Charge(String idempotencyKey, String chargeId, UUID orderId, String customerId, BigDecimal amount,
		String currency, ChargeStatus status, String reason, OffsetDateTime createdAt, String requestFingerprint) {

	Charge {
		Objects.requireNonNull(idempotencyKey, "idempotencyKey");
		Objects.requireNonNull(chargeId, "chargeId");
		Objects.requireNonNull(status, "status");
		if ((status == ChargeStatus.DECLINED) != (reason != null)) {
			throw new IllegalArgumentException("A charge has a reason if and only if it was declined");
		}
	}

	static Charge captured(String idempotencyKey, ChargeRequest request) {
		return create(idempotencyKey, request, ChargeStatus.CAPTURED, null);
	}

	static Charge declined(String idempotencyKey, ChargeRequest request, String reason) {
		return create(idempotencyKey, request, ChargeStatus.DECLINED, Objects.requireNonNull(reason, "reason"));
	}

	// Built exactly as the database returns it, so the first answer and its replays are
	// byte for byte the same.
	private static Charge create(String idempotencyKey, ChargeRequest request, ChargeStatus status, String reason) {
		return new Charge(idempotencyKey, "ch_" + UUID.randomUUID(), request.orderId(), request.customerId(),
				request.amount().setScale(2), request.currency(), status, reason,
				OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), request.fingerprint());
	}

	boolean answers(ChargeRequest request) {
		return this.requestFingerprint.equals(request.fingerprint());
	}

}
