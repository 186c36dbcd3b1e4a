package dslab.provider.charge;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChargeRulesTests {

	private final ChargeRules rules = new ChargeRules(Set.of("c-declined"), new BigDecimal("1000.00"));

	@Test
	void declinesBlockedCustomer() {
		assertThat(this.rules.declineReason(request("c-declined", "10.00"))).contains("customer c-declined is blocked");
	}

	@Test
	void declinesAmountOverTheLimit() {
		assertThat(this.rules.declineReason(request("c-1", "1200")))
			.contains("amount 1200.00 exceeds the limit of 1000.00");
	}

	@Test
	void capturesAmountUpToTheLimit() {
		assertThat(this.rules.declineReason(request("c-1", "1000.00"))).isEmpty();
	}

	@Test
	void treatsEqualAmountsAsTheSameRequest() {
		assertThat(request("c-1", "49.8").fingerprint()).isEqualTo(request("c-1", "49.80").fingerprint())
			.isNotEqualTo(request("c-1", "49.81").fingerprint());
	}

	private static ChargeRequest request(String customerId, String amount) {
		return new ChargeRequest(UUID.fromString("7d1e4a52-8c1f-4d0e-9d55-2f0a4b3c6e11"), customerId,
				new BigDecimal(amount), "EUR");
	}

}
