package dslab.drill.dlt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a replay sends, decided from the dead letters and the ledger before anything is
 * sent: every dead letter lands in exactly one of the lists.
 *
 * @param again whether this replays again what was replayed before (and only that)
 * @param toSend sent back to their original topics
 * @param skippedByFilter left out by {@code --exception}; they stay replayable
 * @param alreadyReplayed replayed before, so not sent again (without {@code --again})
 * @param notReplayedBefore with {@code --again}: never replayed, so not sent (a plain
 * replay sends them)
 * @param unreplayable dead letters that cannot be sent, and why
 */
public record ReplayPlan(boolean again, List<DeadLetter> toSend, List<DeadLetter> skippedByFilter,
		List<DeadLetter> alreadyReplayed, List<DeadLetter> notReplayedBefore, Map<DeadLetter, String> unreplayable) {

	public ReplayPlan {
		toSend = List.copyOf(toSend);
		skippedByFilter = List.copyOf(skippedByFilter);
		alreadyReplayed = List.copyOf(alreadyReplayed);
		notReplayedBefore = List.copyOf(notReplayedBefore);
		unreplayable = Collections.unmodifiableMap(new LinkedHashMap<>(unreplayable));
	}

	/**
	 * Plans a replay.
	 * @param letters the dead letters of the topics chosen, in order
	 * @param ledger what was replayed before
	 * @param exception only dead letters whose exception class contains this (any case),
	 * or {@code null} for all
	 * @param again whether to send again what was replayed before (and only that)
	 * @param topics the topics that exist: a dead letter whose original topic is gone
	 * cannot be sent
	 */
	public static ReplayPlan of(List<DeadLetter> letters, ReplayLedger ledger, String exception, boolean again,
			Set<String> topics) {
		List<DeadLetter> toSend = new ArrayList<>();
		List<DeadLetter> skipped = new ArrayList<>();
		List<DeadLetter> replayed = new ArrayList<>();
		List<DeadLetter> fresh = new ArrayList<>();
		Map<DeadLetter, String> unreplayable = new LinkedHashMap<>();
		for (DeadLetter letter : letters) {
			if (exception != null && !letter.failedWith(exception)) {
				skipped.add(letter);
			}
			else if (ledger.replayed(letter) != again) {
				(again ? fresh : replayed).add(letter);
			}
			else if (letter.originalTopic().isEmpty()) {
				unreplayable.put(letter, "no " + DeadLetter.ORIGINAL_TOPIC + " header");
			}
			else if (!topics.contains(letter.originalTopic().get())) {
				unreplayable.put(letter, "its topic " + letter.originalTopic().get() + " does not exist");
			}
			else {
				toSend.add(letter);
			}
		}
		return new ReplayPlan(again, toSend, skipped, replayed, fresh, unreplayable);
	}

}
