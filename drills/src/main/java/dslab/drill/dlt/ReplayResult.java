package dslab.drill.dlt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a replay did: the plan, each record sent and where it went, and the sends that
 * failed (they are not entered in the ledger, so the next replay tries them again).
 *
 * @param plan what was to be sent
 * @param replayed each dead letter sent, and where its replay is
 * @param failed dead letters whose send failed, and why
 */
public record ReplayResult(ReplayPlan plan, List<Replayed> replayed, Map<DeadLetter, String> failed) {

	public ReplayResult {
		replayed = List.copyOf(replayed);
		failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
	}

	/** How many records were sent. */
	public int sent() {
		return this.replayed.size();
	}

	/** Records sent, by the topic they were sent to. */
	public Map<String, Integer> sentByTopic() {
		return this.replayed.stream()
			.collect(Collectors.groupingBy((replay) -> replay.to().topic(), TreeMap::new,
					Collectors.summingInt((replay) -> 1)));
	}

	/** One line: what was sent, per original topic, and what was not and why. */
	public String summary() {
		List<String> parts = new ArrayList<>();
		if (this.replayed.isEmpty() && this.failed.isEmpty()) {
			parts.add(this.plan.again() ? "nothing replayed before to send again" : "nothing to replay");
		}
		else {
			parts.add((this.plan.again() ? "replayed again " : "replayed ") + sent() + " ("
					+ sentByTopic().entrySet()
						.stream()
						.map((entry) -> entry.getKey() + " " + entry.getValue())
						.collect(Collectors.joining(", "))
					+ ")");
		}
		if (!this.failed.isEmpty()) {
			parts.add(this.failed.size() + " failed to send (replay again to retry them)");
		}
		parts.add(this.plan.skippedByFilter().size() + " skipped by filter");
		if (this.plan.again()) {
			parts.add(this.plan.notReplayedBefore().size() + " never replayed (a replay without --again sends them)");
		}
		else {
			parts.add(this.plan.alreadyReplayed().size() + " already replayed");
		}
		if (!this.plan.unreplayable().isEmpty()) {
			parts.add(this.plan.unreplayable().size() + " cannot be replayed");
		}
		return String.join("; ", parts);
	}

	/**
	 * A dead letter sent back.
	 *
	 * @param letter the dead letter
	 * @param to where its replay is
	 */
	public record Replayed(DeadLetter letter, RecordPosition to) {
	}

}
