package dslab.paymentservice.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTests {

	private final MutableClock clock = new MutableClock();

	private final RetryBudget budget = new RetryBudget(0.2, 2, Duration.ofSeconds(10), this.clock);

	@Test
	void allowsTheMinimumWhenThereIsNoTraffic() {
		assertThat(this.budget.tryRetry()).isTrue();
		assertThat(this.budget.tryRetry()).isTrue();
		assertThat(this.budget.tryRetry()).isFalse();
	}

	@Test
	void allowsRetriesUpToTheRatioOfFirstCalls() {
		for (int i = 0; i < 100; i++) {
			this.budget.firstCall();
		}

		assertThat(retriesGranted(1000)).isEqualTo(20);
		assertThat(this.budget.available()).isZero();
	}

	@Test
	void refillsAsNewFirstCallsComeIn() {
		for (int i = 0; i < 50; i++) {
			this.budget.firstCall();
		}
		assertThat(retriesGranted(1000)).isEqualTo(10);

		for (int i = 0; i < 5; i++) {
			this.budget.firstCall();
		}

		assertThat(retriesGranted(1000)).isEqualTo(1);
	}

	@Test
	void forgetsCallsOlderThanTheWindow() {
		for (int i = 0; i < 100; i++) {
			this.budget.firstCall();
		}
		assertThat(retriesGranted(1000)).isEqualTo(20);

		this.clock.advance(Duration.ofSeconds(10));

		assertThat(retriesGranted(1000)).isEqualTo(2);
	}

	@Test
	void slidesSecondBySecond() {
		for (int i = 0; i < 50; i++) {
			this.budget.firstCall();
		}
		assertThat(retriesGranted(10)).isEqualTo(10);
		this.clock.advance(Duration.ofSeconds(5));
		for (int i = 0; i < 50; i++) {
			this.budget.firstCall();
		}

		this.clock.advance(Duration.ofSeconds(5));

		// The first 50 first calls and their 10 retries have left the window; the last
		// 50 allow 10.
		assertThat(retriesGranted(1000)).isEqualTo(10);
	}

	private int retriesGranted(int asked) {
		int granted = 0;
		for (int i = 0; i < asked; i++) {
			if (this.budget.tryRetry()) {
				granted++;
			}
		}
		return granted;
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-22T10:00:00.500Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
