package dslab.system;

import java.nio.file.Path;

import dslab.drill.run.DrillReport;
import dslab.drill.run.DrillRunner;
import dslab.drill.run.Narrator;
import dslab.drill.scenario.Drills;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drills that run in every build, against the real lab (every service its own
 * process): the audit of every service's books must hold after steady load, and after
 * each service is killed with SIGKILL under load and restarted.
 */
class DrillsTest {

	private static DrillRunner runner;

	@BeforeAll
	static void startLab() {
		runner = new DrillRunner(RunningLab.drillLab(), 20, Path.of("target", "drill-reports"));
	}

	@Test
	void baselineHoldsEveryInvariant() {
		DrillReport report = runner.run(Drills.named("baseline").orElseThrow(), new Narrator(System.out));

		assertThat(report.passed()).as(report.table()).isTrue();
		assertThat(report.load().acknowledged()).isPositive();
		assertThat(report.figures().confirmed()).isPositive();
		assertThat(report.figures().lost()).isZero();
		assertThat(report.figures().duplicated()).isZero();
		assertThat(report.figures().doubleCharges()).isZero();
		assertThat(report.figures().stockViolations()).isZero();
	}

	@Test
	void killingEachServiceUnderLoadLosesAndDoublesNothing() {
		DrillReport report = runner.run(Drills.named("service-crash").orElseThrow(), new Narrator(System.out));

		assertThat(report.passed()).as(report.table()).isTrue();
		assertThat(report.recoveries()).hasSize(3).allSatisfy((fault, seconds) -> assertThat(seconds).isFinite());
		assertThat(report.figures().lost()).isZero();
		assertThat(report.figures().duplicated()).isZero();
		assertThat(report.figures().doubleCharges()).isZero();
	}

	@Test
	void stormOfCopiesWithOneIdempotencyKeyPlacesOneOrderPerKey() {
		DrillReport report = runner.run(Drills.named("duplicate-storm").orElseThrow(), new Narrator(System.out));

		assertThat(report.passed()).as(report.table()).isTrue();
		assertThat(report.findings()).containsEntry("orders placed", "20 for 20 keys");
		assertThat(report.figures().duplicated()).isZero();
		assertThat(report.figures().doubleCharges()).isZero();
	}

}
