package dslab.drill.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dslab.drill.audit.AuditReport;
import dslab.drill.audit.CheckResult;
import dslab.drill.audit.Figures;
import dslab.drill.load.LoadResult;
import dslab.drill.load.Outcome;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a drill proved: the load it drove, the recovery times it measured, every invariant
 * the audit checked, and the verdict. Printed as a table and written as JSON and
 * Markdown.
 *
 * @param drill the drill's name
 * @param target where the lab ran ({@code local} or {@code compose})
 * @param startedAt when the drill began
 * @param seconds how long it took
 * @param load figures of the load, summed over the drill's load phases
 * @param recoveries seconds from each fault until orders completed again, by fault
 * @param findings what the drill itself measured, by name
 * @param quiet whether every order was terminal and every outbox empty before the audit
 * @param figures the audit's figures
 * @param checks each invariant, the drill's own first, with its violations (at most 20
 * listed)
 */
public record DrillReport(String drill, String target, Instant startedAt, double seconds, LoadFigures load,
		Map<String, Double> recoveries, Map<String, String> findings, boolean quiet, Figures figures,
		List<Check> checks) {

	private static final int LISTED_VIOLATIONS = 20;

	/**
	 * Whether every invariant held (and the lab became quiet, and every fault was
	 * recovered from).
	 */
	public boolean passed() {
		return this.quiet && this.checks.stream().allMatch(Check::passed)
				&& this.recoveries.values().stream().noneMatch((seconds) -> seconds.isNaN());
	}

	/**
	 * The load a drill drove.
	 *
	 * @param sent requests sent
	 * @param acknowledged answered 202
	 * @param shed answered 429 or 503 after every retry
	 * @param errors failed otherwise (4xx, 5xx)
	 * @param unknown outcome never learned (timeouts, connection errors)
	 * @param retries retries sent on top
	 * @param p50Millis median latency from intended send time
	 * @param p99Millis 99th percentile
	 */
	public record LoadFigures(long sent, long acknowledged, long shed, long errors, long unknown, long retries,
			double p50Millis, double p99Millis) {

		static LoadFigures of(List<LoadResult> loads) {
			long sent = 0;
			long acknowledged = 0;
			long shed = 0;
			long errors = 0;
			long unknown = 0;
			long retries = 0;
			double p50 = 0;
			double p99 = 0;
			for (LoadResult load : loads) {
				sent += load.sent();
				acknowledged += load.acknowledged().size();
				shed += load.count(Outcome.SHED);
				errors += load.count(Outcome.ERROR) + load.count(Outcome.CLIENT_ERROR);
				unknown += load.unknownOutcomes().size();
				retries += load.retries();
				p50 = Math.max(p50, load.latency().p50().toNanos() / 1e6);
				p99 = Math.max(p99, load.latency().p99().toNanos() / 1e6);
			}
			return new LoadFigures(sent, acknowledged, shed, errors, unknown, retries, p50, p99);
		}

	}

	/** One invariant and what broke it. */
	public record Check(String name, boolean passed, int violationCount, List<String> violations) {

		static Check of(CheckResult result) {
			return new Check(result.name(), result.passed(), result.violations().size(),
					result.violations().stream().limit(LISTED_VIOLATIONS).toList());
		}

	}

	static DrillReport of(String drill, String target, Instant startedAt, double seconds, DrillContext context,
			boolean quiet, AuditReport audit) {
		return new DrillReport(drill, target, startedAt, seconds, LoadFigures.of(context.loads()), context.recoveries(),
				context.findings(), quiet, audit.figures(),
				Stream.concat(context.checks().stream(), audit.checks().stream()).map(Check::of).toList());
	}

	/** The verdict table, as printed at the end of a drill. */
	public String table() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format("Drill %s on %s: %s in %.0f s", this.drill, this.target, passed() ? "PASSED" : "FAILED",
				this.seconds));
		lines.add(row("orders sent", this.load.sent()) + row("acknowledged", this.load.acknowledged())
				+ row("shed", this.load.shed()));
		lines.add(row("errors", this.load.errors()) + row("outcome unknown", this.load.unknown())
				+ row("retries", this.load.retries()));
		lines.add(String.format("books (every order the lab holds, earlier runs included): %d orders",
				this.figures.orders()));
		lines.add(row("confirmed", this.figures.confirmed()) + row("rejected", this.figures.rejected())
				+ row("cancelled", this.figures.cancelled()));
		lines.add(row("lost", this.figures.lost()) + row("duplicated", this.figures.duplicated())
				+ row("double charges", this.figures.doubleCharges()));
		lines.add(row("stock violations", this.figures.stockViolations()) + row("still pending", this.figures.pending())
				+ String.format("%-18s %8s", "quiet", this.quiet ? "yes" : "NO"));
		lines.add(String.format("%-18s %6.0f ms  %-18s %6.0f ms", "latency p50", this.load.p50Millis(), "latency p99",
				this.load.p99Millis()));
		this.recoveries.forEach((fault, seconds) -> lines.add(String.format("recovery after %-34s %s", fault,
				seconds.isNaN() ? "NOT RECOVERED" : "%.1f s".formatted(seconds))));
		this.findings.forEach((name, value) -> lines.add(String.format("%-44s %s", name, value)));
		for (Check check : this.checks) {
			lines.add(String.format("  [%s] %s", check.passed() ? "ok" : "FAIL", check.name()));
			check.violations().forEach((violation) -> lines.add("         - " + violation));
			if (check.violationCount() > check.violations().size()) {
				lines.add("         ... and " + (check.violationCount() - check.violations().size()) + " more");
			}
		}
		return String.join(System.lineSeparator(), lines);
	}

	/** The report as Markdown, for docs and reviews. */
	public String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# Drill `").append(this.drill).append("`: ").append(passed() ? "passed" : "FAILED").append("\n\n");
		md.append("Target: ").append(this.target).append(", started ").append(this.startedAt).append(", ");
		md.append(String.format("%.0f s%n%n", this.seconds));
		md.append("| figure | value |\n| --- | --- |\n");
		figure(md, "orders sent", this.load.sent());
		figure(md, "acknowledged (202)", this.load.acknowledged());
		figure(md, "shed (429/503 after retries)", this.load.shed());
		figure(md, "errors", this.load.errors());
		figure(md, "outcome unknown to the client", this.load.unknown());
		figure(md, "client retries", this.load.retries());
		figure(md, "orders in the books (earlier runs included)", this.figures.orders());
		figure(md, "of which confirmed", this.figures.confirmed());
		figure(md, "of which rejected", this.figures.rejected());
		figure(md, "of which cancelled", this.figures.cancelled());
		figure(md, "lost", this.figures.lost());
		figure(md, "duplicated", this.figures.duplicated());
		figure(md, "double charges", this.figures.doubleCharges());
		figure(md, "stock violations", this.figures.stockViolations());
		figure(md, "latency p50 (ms)", Math.round(this.load.p50Millis()));
		figure(md, "latency p99 (ms)", Math.round(this.load.p99Millis()));
		this.recoveries.forEach((fault, seconds) -> md.append("| recovery after ")
			.append(fault)
			.append(" | ")
			.append(seconds.isNaN() ? "not recovered" : String.format("%.1f s", seconds))
			.append(" |\n"));
		this.findings.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
		md.append("\n| invariant | result |\n| --- | --- |\n");
		for (Check check : this.checks) {
			md.append("| ").append(check.name()).append(" | ");
			md.append(check.passed() ? "held" : "**broken** (" + check.violationCount() + ")").append(" |\n");
		}
		return md.toString();
	}

	/**
	 * Writes {@code <folder>/<time>-<drill>.json} and {@code .md}; returns the Markdown
	 * file.
	 */
	public Path write(Path folder) {
		String stem = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(this.startedAt)
				+ "-" + this.drill;
		try {
			Files.createDirectories(folder);
			JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
			Files.writeString(folder.resolve(stem + ".json"), json.writeValueAsString(this));
			Path markdown = folder.resolve(stem + ".md");
			Files.writeString(markdown, markdown());
			return markdown;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String row(String name, long value) {
		return String.format("%-18s %8d  ", name, value);
	}

	private static void figure(StringBuilder md, String name, long value) {
		md.append("| ").append(name).append(" | ").append(value).append(" |\n");
	}

}
