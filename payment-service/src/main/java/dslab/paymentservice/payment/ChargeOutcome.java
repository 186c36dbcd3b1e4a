package dslab.paymentservice.payment;

/**
 * The provider's answer to a charge. A decline is an outcome like a capture, not an
 * error; a provider that does not answer throws {@link ProviderUnavailableException}
 * instead.
 */
sealed interface ChargeOutcome {

	/** The customer was charged. */
	record Captured(String chargeId) implements ChargeOutcome {
	}

	/** The customer was not charged, for the reason the provider gave. */
	record Declined(String chargeId, String reason) implements ChargeOutcome {
	}

}
