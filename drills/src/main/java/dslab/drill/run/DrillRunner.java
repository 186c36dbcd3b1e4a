package dslab.drill.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

import dslab.drill.audit.AuditReport;

/**
 * Runs drills the same way every time: clear faults, run the drill's timeline, wait until
 * the lab is quiet, audit every service's books, print the verdict and write the report.
 */
public final class DrillRunner {

	private static final Duration QUIET_BOUND = Duration.ofSeconds(90);

	private static final List<String> SERVICES = List.of("order-service", "inventory-service", "payment-service",
			"payment-provider");

	private final Lab lab;

	private final OptionalDouble rate;

	private final Path reports;

	/**
	 * A runner of drills against a lab.
	 * @param rate orders per second of every drill's load, or empty for each drill's own
	 * ({@link Drill#defaultRate()})
	 */
	public DrillRunner(Lab lab, OptionalDouble rate, Path reports) {
		this.lab = lab;
		this.rate = rate;
		this.reports = reports;
	}

	public DrillReport run(Drill drill, Narrator narrator) {
		Instant started = Instant.now();
		narrator.out().printf("%n=== Drill %s: %s (%s) ===%n", drill.name(), drill.lesson(), drill.duration());
		SERVICES.forEach(this.lab::clearFaults);
		DrillContext context = new DrillContext(this.lab, narrator, this.rate.orElse(drill.defaultRate()));
		try {
			drill.run(context);
		}
		finally {
			SERVICES.forEach(this.lab::clearFaults);
		}
		boolean quiet = context.awaitQuiet(QUIET_BOUND);
		AuditReport audit = context.audit();
		DrillReport report = DrillReport.of(drill.name(), this.lab.control().target(), started,
				Duration.between(started, Instant.now()).toMillis() / 1000.0, context, quiet, audit);
		narrator.out().println();
		narrator.out().println(report.table());
		Path written = report.write(this.reports);
		narrator.out().printf("Report: %s (and .json)%n", written);
		return report;
	}

}
