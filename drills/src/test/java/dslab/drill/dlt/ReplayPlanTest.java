package dslab.drill.dlt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a replay decides what to send: each dead letter once, and what a filter left out
 * later.
 */
class ReplayPlanTest {

	private static final Set<String> TOPICS = Set.of("order-events", "payment-events");

	private final DeadLetter malformed = Letters.malformed("order-events", 0, 10);

	private final DeadLetter rejectedOrder = Letters.rejected("order-events", 1, 20);

	private final DeadLetter rejectedPayment = Letters.rejected("payment-events", 2, 30);

	private final List<DeadLetter> letters = List.of(this.malformed, this.rejectedOrder, this.rejectedPayment);

	@Test
	void sendsEveryDeadLetterNotReplayedYet() {
		ReplayPlan plan = ReplayPlan.of(this.letters, ReplayLedger.empty(), null, false, TOPICS);

		assertThat(plan.toSend()).containsExactlyElementsOf(this.letters);
		assertThat(plan.skippedByFilter()).isEmpty();
	}

	@Test
	void aSecondReplaySendsNothingNew() {
		ReplayLedger ledger = replayed(this.letters);

		ReplayPlan plan = ReplayPlan.of(this.letters, ledger, null, false, TOPICS);

		assertThat(plan.toSend()).isEmpty();
		assertThat(plan.alreadyReplayed()).containsExactlyElementsOf(this.letters);
	}

	@Test
	void whatAFilterLeftOutStaysReplayableLater() {
		ReplayPlan filtered = ReplayPlan.of(this.letters, ReplayLedger.empty(), "InjectedRejection", false, TOPICS);
		assertThat(filtered.toSend()).containsExactly(this.rejectedOrder, this.rejectedPayment);
		assertThat(filtered.skippedByFilter()).containsExactly(this.malformed);

		ReplayPlan later = ReplayPlan.of(this.letters, replayed(filtered.toSend()), null, false, TOPICS);

		assertThat(later.toSend()).containsExactly(this.malformed);
		assertThat(later.alreadyReplayed()).containsExactly(this.rejectedOrder, this.rejectedPayment);
	}

	@Test
	void againSendsOnlyWhatWasReplayedBefore() {
		ReplayLedger ledger = replayed(List.of(this.rejectedOrder));

		ReplayPlan plan = ReplayPlan.of(this.letters, ledger, null, true, TOPICS);

		assertThat(plan.toSend()).containsExactly(this.rejectedOrder);
		assertThat(plan.notReplayedBefore()).containsExactly(this.malformed, this.rejectedPayment);
	}

	@Test
	void aReplayInATopicCreatedAgainDoesNotCount() {
		ReplayLedger ledger = new ReplayLedger(Map.of(this.rejectedOrder.at().toString(),
				new ReplayLedger.Entry("an-older-topic-id", new RecordPosition("order-events", 1, 99), Instant.now())));

		assertThat(ledger.replayed(this.rejectedOrder)).isFalse();
		assertThat(ReplayPlan.of(this.letters, ledger, null, false, TOPICS).toSend()).contains(this.rejectedOrder);
	}

	@Test
	void cannotSendWhatHasNoOriginalTopicOrWhoseTopicIsGone() {
		DeadLetter orphan = new DeadLetter(new RecordPosition("orphans.DLT", 0, 0), Letters.TOPIC_ID, Instant.now(),
				null, Letters.bytes("?"), List.of());
		DeadLetter gone = Letters.rejected("old-events", 0, 1);

		ReplayPlan plan = ReplayPlan.of(List.of(orphan, gone, this.rejectedOrder), ReplayLedger.empty(), null, false,
				TOPICS);

		assertThat(plan.toSend()).containsExactly(this.rejectedOrder);
		assertThat(plan.unreplayable()).containsEntry(orphan, "no kafka_dlt-original-topic header")
			.containsEntry(gone, "its topic old-events does not exist");
	}

	@Test
	void summarisesWhatWasSentPerOriginalTopicAndWhatWasNot() {
		ReplayPlan plan = ReplayPlan.of(this.letters, ReplayLedger.empty(), "rejection", false, TOPICS);
		ReplayResult result = new ReplayResult(plan,
				List.of(new ReplayResult.Replayed(this.rejectedOrder, new RecordPosition("order-events", 1, 100)),
						new ReplayResult.Replayed(this.rejectedPayment, new RecordPosition("payment-events", 2, 200))),
				Map.of());

		assertThat(result.summary())
			.isEqualTo("replayed 2 (order-events 1, payment-events 1); 1 skipped by filter; 0 already replayed");
		assertThat(new ReplayResult(ReplayPlan.of(this.letters, replayed(this.letters), null, false, TOPICS), List.of(),
				Map.of())
			.summary()).isEqualTo("nothing to replay; 0 skipped by filter; 3 already replayed");
	}

	private static ReplayLedger replayed(List<DeadLetter> letters) {
		return new ReplayLedger(letters.stream()
			.collect(Collectors.toMap((letter) -> letter.at().toString(),
					(letter) -> new ReplayLedger.Entry(letter.topicId(), new RecordPosition("x", 0, 0),
							Instant.now()))));
	}

}
