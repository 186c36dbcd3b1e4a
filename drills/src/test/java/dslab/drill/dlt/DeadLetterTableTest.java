package dslab.drill.dlt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTableTest {

	private final DeadLetter malformed = Letters.malformed("order-events", 3, 1042);

	private final DeadLetter rejected = Letters.rejected("payment-events", 1, 77);

	@Test
	void summarisesEachTopicThenListsEachDeadLetterWithItsOriginGroupAgeKeyReplayAndError() {
		ReplayLedger ledger = new ReplayLedger(Map.of(this.rejected.at().toString(), new ReplayLedger.Entry(
				Letters.TOPIC_ID, new RecordPosition("payment-events", 1, 500), Letters.NOW.minusSeconds(30))));

		String table = DeadLetterTable.format(List.of("inventory-events.DLT", "order-events.DLT", "payment-events.DLT"),
				List.of(this.malformed, this.rejected), ledger, 50, Letters.NOW);

		assertThat(table).isEqualTo(
				"""
						inventory-events.DLT      0 dead letters
						order-events.DLT          1 dead letter, 0 replayed: MalformedEventException 1
						payment-events.DLT        1 dead letter, 1 replayed: InjectedRejection 1

						DEAD LETTER             ORIGINAL             GROUP              AGE  KEY         REPLAYED      ERROR
						order-events.DLT-3@104  order-events-3@1042  inventory-service  1m   order-1042  no            MalformedEventException: Unknown event type 'OrderShipped'
						payment-events.DLT-1@7  payment-events-1@77  inventory-service  1m   order-77    yes, 30s ago  InjectedRejection: Injected rejection: consume refused the event on purpose
						""");
	}

	@Test
	void showsTheNewestWithinTheLimitAndSaysHowManyMore() {
		List<DeadLetter> letters = List.of(this.malformed, this.rejected);

		String table = DeadLetterTable.format(List.of("order-events.DLT", "payment-events.DLT"), letters,
				ReplayLedger.empty(), 1, Letters.NOW);

		assertThat(table).contains("payment-events.DLT-1@7")
			.doesNotContain("order-events.DLT-3@104")
			.endsWith("Showing the newest 1 of 2; --limit shows more." + System.lineSeparator());
	}

	@Test
	void marksADeadLetterThatIsTheReplayOfAnEarlierOne() {
		DeadLetter again = Letters.letter(new RecordPosition("order-events", 3, 2000),
				"dslab.reliability.envelope.MalformedEventException",
				"Cannot decode event: Unrecognized token 'x'\n at [Source: ...]",
				Letters.text(DeadLetter.REPLAY_OF, "order-events.DLT-3@104"));

		String table = DeadLetterTable.format(List.of("order-events.DLT"), List.of(again), ReplayLedger.empty(), 50,
				Letters.NOW);

		assertThat(table).contains("order-events-3@2000 (replay of order-events.DLT-3@104)")
			.contains("MalformedEventException: Cannot decode event: Unrecognized token 'x'" + System.lineSeparator());
	}

	@Test
	void cutsALongErrorSoEachDeadLetterStaysOnOneLine() {
		DeadLetter wordy = Letters.letter(new RecordPosition("order-events", 0, 5), "x.WordyException",
				"why ".repeat(100));

		String table = DeadLetterTable.format(List.of("order-events.DLT"), List.of(wordy), ReplayLedger.empty(), 50,
				Letters.NOW);

		String row = table.lines().filter((line) -> line.startsWith("order-events.DLT-0@0")).findFirst().orElseThrow();
		assertThat(row).endsWith("WordyException: " + "why ".repeat(30).substring(0, 81) + "...");
	}

	@Test
	void writesAgesInTheirLargestWholeUnit() {
		Instant now = Letters.NOW;

		assertThat(DeadLetterTable.age(now.minusSeconds(42), now)).isEqualTo("42s");
		assertThat(DeadLetterTable.age(now.minusSeconds(7 * 60 + 59), now)).isEqualTo("7m");
		assertThat(DeadLetterTable.age(now.minusSeconds(47 * 3600), now)).isEqualTo("47h");
		assertThat(DeadLetterTable.age(now.minusSeconds(3 * 86400), now)).isEqualTo("3d");
		assertThat(DeadLetterTable.age(now.plusSeconds(5), now)).as("a clock ahead").isEqualTo("0s");
	}

}
