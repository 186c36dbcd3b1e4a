package dslab.paymentservice.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTests {

	private final MutableClock clock = new MutableClock();

	private final RetryBudget budget = new RetryBudget(0.2, 2, 0.1, Duration.ofSeconds(10), this.clock);

	@Test
	void allowsTheMinimumWhenTheProviderFailsAndThereIsNoOtherTraffic() {
		this.budget.failed();

		assertThat(this.budget.tryRetry()).isTrue();
		assertThat(this.budget.tryRetry()).isTrue();
		assertThat(this.budget.tryRetry()).isFalse();
	}

	@Test
	void allowsRetriesUpToTheRatioOfFirstCalls() {
		for (int i = 0; i < 100; i++) {
			this.budget.firstCall();
			this.budget.failed();
		}

		assertThat(retriesGranted(1000)).isEqualTo(20);
		assertThat(this.budget.available()).isZero();
	}

	@Test
	void refillsAsNewFirstCallsComeIn() {
		for (int i = 0; i < 50; i++) {
			this.budget.firstCall();
			this.budget.failed();
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
			this.budget.failed();
		}
		assertThat(retriesGranted(1000)).isEqualTo(20);

		this.clock.advance(Duration.ofSeconds(10));
		this.budget.failed();

		assertThat(retriesGranted(1000)).isEqualTo(2);
	}

	@Test
	void capsNothingWhileTheProviderAnswersWell() {
		for (int i = 0; i < 100; i++) {
			this.budget.firstCall();
			if (i < 9) {
				this.budget.failed();
			}
			else {
				this.budget.answered();
			}
		}

		assertThat(retriesGranted(1000)).isEqualTo(1000);
		assertThat(this.budget.available()).isInfinite();
	}

	@Test
	void capsRetriesAgainOnceFailuresReachTheThreshold() {
		for (int i = 0; i < 100; i++) {
			this.budget.firstCall();
			this.budget.answered();
		}
		for (int i = 0; i < 12; i++) {
			this.budget.failed();
		}

		assertThat(retriesGranted(1000)).isEqualTo(20);
	}

	@Test
	void liftsTheCapOnceTheFailuresHaveLeftTheWindow() {
		for (int i = 0; i < 100; i++) {
			this.budget.firstCall();
			this.budget.failed();
		}
		assertThat(retriesGranted(1000)).isEqualTo(20);

		this.clock.advance(Duration.ofSeconds(10));

		assertThat(retriesGranted(1000)).as("nothing in the window: the provider is not known to fail").isEqualTo(1000);
	}

	@Test
	void slidesSecondBySecond() {
		for (int i = 0; i < 50; i++) {
			this.budget.firstCall();
			this.budget.failed();
		}
		assertThat(retriesGranted(10)).isEqualTo(10);
		this.clock.advance(Duration.ofSeconds(5));
		for (int i = 0; i < 50; i++) {
			this.budget.firstCall();
			this.budget.failed();
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
