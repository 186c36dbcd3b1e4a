package dslab.drill.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an audit found: each check passed or failed with its violations, and the figures.
 *
 * @param checks every check, in the order they ran
 * @param figures the numbers
 */
public record AuditReport(List<CheckResult> checks, Figures figures) {

	/** Violations printed per check by {@link #summary()}; the report holds them all. */
	private static final int PRINTED_VIOLATIONS = 20;

	public AuditReport {
		checks = List.copyOf(checks);
	}

	/** Whether every check passed. */
	public boolean passed() {
		return this.checks.stream().allMatch(CheckResult::passed);
	}

	public List<CheckResult> failed() {
		return this.checks.stream().filter((check) -> !check.passed()).toList();
	}

	/** The check of that name; the names are those the report prints. */
	public CheckResult check(String name) {
		return this.checks.stream()
			.filter((check) -> check.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No check named '" + name + "' in this report"));
	}

	/** The report as a person reads it at the end of a drill. */
	public String summary() {
		StringBuilder text = new StringBuilder();
		text.append(passed() ? "Audit PASSED: all %d checks passed%n".formatted(this.checks.size())
				: "Audit FAILED: %d of %d checks failed%n".formatted(failed().size(), this.checks.size()));
		for (CheckResult check : this.checks) {
			text.append("  %s %s%n".formatted(check.passed() ? "PASS" : "FAIL", check.name()));
			check.violations()
				.stream()
				.limit(PRINTED_VIOLATIONS)
				.forEach((violation) -> text.append("       - ").append(violation).append(System.lineSeparator()));
			if (check.violations().size() > PRINTED_VIOLATIONS) {
				text.append("       ... and %d more%n".formatted(check.violations().size() - PRINTED_VIOLATIONS));
			}
		}
		Figures figures = this.figures;
		text.append(
				"Orders: %d acknowledged, %d in order-service (%d confirmed, %d rejected, %d cancelled, %d pending)%n"
					.formatted(figures.acknowledged(), figures.orders(), figures.confirmed(), figures.rejected(),
							figures.cancelled(), figures.pending()));
		text.append("Lost %d, duplicated %d, double charges %d, stock violations %d%n".formatted(figures.lost(),
				figures.duplicated(), figures.doubleCharges(), figures.stockViolations()));
		text.append("Outcomes the client never learned: %d, of which placed: %d%n".formatted(figures.unknownOutcomes(),
				figures.unknownOutcomesPlaced()));
		text.append("Outbox backlog: %s%n".formatted(sorted(figures.outboxBacklogs())));
		text.append("Duplicates dropped by inboxes: %s%n".formatted(sorted(figures.consumerDuplicates())));
		return text.toString();
	}

	private static String sorted(Map<String, Long> figures) {
		if (figures.isEmpty()) {
			return "none reported";
		}
		return new TreeMap<>(figures).entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

}
