package dslab.gateway.shedding;

import java.util.ArrayList;
import java.util.List;

import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.SettableLimit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the backend refused lower the adaptive limit at once; successes raise it back
 * slowly; latency still rules below the cap.
 */
class DropAwareLimitTest {

	private static final long RTT = 10_000_000;

	@Test
	void cutsTheLimitByTheBackoffForEachRefusedRequest() {
		DropAwareLimit limit = new DropAwareLimit(SettableLimit.startingAt(20), 5, 100, 0.9);

		limit.onSample(0, RTT, 20, true);
		assertThat(limit.getLimit()).isEqualTo(18);
		limit.onSample(0, RTT, 18, true);
		assertThat(limit.getLimit()).isEqualTo(16);
		limit.onSample(0, RTT, 16, true);
		assertThat(limit.getLimit()).isEqualTo(14);
	}

	@Test
	void neverGoesBelowTheMinimum() {
		DropAwareLimit limit = new DropAwareLimit(SettableLimit.startingAt(20), 5, 100, 0.5);

		for (int i = 0; i < 20; i++) {
			limit.onSample(0, RTT, 20, true);
		}

		assertThat(limit.getLimit()).isEqualTo(5);
	}

	@Test
	void growsBackByAboutOneSlotPerLimitOfSuccesses() {
		DropAwareLimit limit = new DropAwareLimit(SettableLimit.startingAt(20), 5, 100, 0.9);
		limit.onSample(0, RTT, 20, true);
		int successes = 0;

		while (limit.getLimit() == 18 && successes < 100) {
			limit.onSample(0, RTT, 18, false);
			successes++;
		}

		assertThat(limit.getLimit()).isEqualTo(19);
		assertThat(successes).isBetween(18, 20);
	}

	@Test
	void followsTheLatencyLimitBelowTheCap() {
		SettableLimit latency = SettableLimit.startingAt(20);
		DropAwareLimit limit = new DropAwareLimit(latency, 5, 100, 0.9);
		List<Integer> heard = new ArrayList<>();
		limit.notifyOnChange(heard::add);

		latency.setLimit(12);

		assertThat(limit.getLimit()).isEqualTo(12);
		assertThat(heard).containsExactly(12);
	}

	@Test
	void keepsRefusalsOutOfGradient2sLatency() {
		Gradient2Limit gradient = Gradient2Limit.newBuilder().initialLimit(20).minLimit(5).maxConcurrency(100).build();
		DropAwareLimit limit = new DropAwareLimit(gradient, 5, 100, 0.9);

		// Fast refusals at full concurrency: Gradient2 alone would read them as a fast,
		// healthy backend and raise its limit.
		for (int i = 0; i < 50; i++) {
			limit.onSample(0, 100_000, 20, true);
		}

		assertThat(gradient.getLimit()).isEqualTo(20);
		assertThat(limit.getLimit()).isEqualTo(5);
	}

}
