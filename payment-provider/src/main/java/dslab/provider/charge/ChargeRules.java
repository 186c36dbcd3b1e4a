package dslab.provider.charge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the provider declines a charge: deterministic rules, so a drill can provoke a
 * decline with a customer id or an amount.
 *
 * @param declinedCustomers customers whose charges are always declined
 * @param maxAmount the largest amount the provider captures in one charge
 */
@Validated
@ConfigurationProperties("lab.provider")
record ChargeRules(@DefaultValue("c-declined") @NotNull Set<String> declinedCustomers,
		@DefaultValue("1000.00") @NotNull @Positive BigDecimal maxAmount) {

	Optional<String> declineReason(ChargeRequest request) {
		if (this.declinedCustomers.contains(request.customerId())) {
			return Optional.of("customer " + request.customerId() + " is blocked");
		}
		if (request.amount().compareTo(this.maxAmount) > 0) {
			return Optional.of("amount " + money(request.amount()) + " exceeds the limit of " + money(this.maxAmount));
		}
		return Optional.empty();
	}

	private static String money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
	}

}
