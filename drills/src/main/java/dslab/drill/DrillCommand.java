package dslab.drill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import dslab.cluster.ClusterSettings;
import dslab.cluster.LocalCluster;
import dslab.drill.audit.AuditClient;
import dslab.drill.audit.AuditReport;
import dslab.drill.audit.Auditor;
import dslab.drill.audit.ClientLedger;
import dslab.drill.control.ClusterControl;
import dslab.drill.control.ComposeControl;
import dslab.drill.control.LocalControl;
import dslab.drill.dlt.DltCommand;
import dslab.drill.dlt.DeadLetterOffice;
import dslab.drill.load.LoadCommand;
import dslab.drill.partitions.WatchCommand;
import dslab.drill.run.Drill;
import dslab.drill.run.DrillReport;
import dslab.drill.run.DrillRunner;
import dslab.drill.run.Lab;
import dslab.drill.run.Narrator;
import dslab.drill.scenario.Drills;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command behind {@code ./drill}: failure-injection drills, load, and the audit. */
@Command(name = "drill", mixinStandardHelpOptions = true,
		description = "Breaks the lab on purpose, heals it, and proves from every service's books that nothing was lost, charged twice or oversold.",
		subcommands = { DrillCommand.ListDrills.class, DrillCommand.Run.class, DrillCommand.Audit.class,
				LoadCommand.class, DltCommand.class, WatchCommand.class })
public final class DrillCommand {

	public static void main(String[] args) {
		CommandLine commandLine = new CommandLine(new DrillCommand());
		commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
			line.getErr().println("error: " + ex.getMessage());
			return 1;
		});
		System.exit(commandLine.execute(args));
	}

	/** Options every command that talks to the lab shares. */
	static final class Target {

		@Option(names = "--target", defaultValue = "auto",
				description = "local (./cluster), compose (docker compose), or auto: whichever is running. Default: ${DEFAULT-VALUE}")
		String target;

		@Option(names = "--admin-token", defaultValue = "${env:LAB_ADMIN_TOKEN:-lab-admin-token}",
				description = "Bearer token of the services' /admin endpoints. Default: ${DEFAULT-VALUE}")
		String adminToken;

		Lab lab() {
			Path root = Path.of(System.getProperty("lab.root", ".")).toAbsolutePath().normalize();
			ClusterSettings settings = ClusterSettings.fromEnvironment(root, System::getenv);
			String kafka = DeadLetterOffice.defaultBootstrapServers((name) -> name.equals("LAB_KAFKA_PORT")
					? String.valueOf(settings.kafkaPort()) : System.getenv(name));
			return Lab.onLocalhost(settings.ports(), kafka, this.adminToken, control(root, settings));
		}

		private ClusterControl control(Path root, ClusterSettings settings) {
			LocalControl local = LocalControl.of(settings, System.out);
			ComposeControl compose = new ComposeControl(root, composeCommand());
			return switch (this.target) {
				case "local" -> local;
				case "compose" -> compose;
				case "auto" -> {
					boolean localRuns = new LocalCluster(settings, System.out).status()
						.stream()
						.anyMatch((line) -> line.pid() != null);
					if (localRuns) {
						yield local;
					}
					if (Files.exists(root.resolve("docker-compose.yml")) && runs(compose)) {
						yield compose;
					}
					throw new IllegalStateException(
							"The lab is not running: start it with ./cluster up (or docker compose up), then try again.");
				}
				default -> throw new CommandLine.ParameterException(new CommandLine(this),
						"--target must be local, compose or auto, not '" + this.target + "'");
			};
		}

		private static boolean runs(ComposeControl compose) {
			try {
				return compose.isRunning("gateway");
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

		private static List<String> composeCommand() {
			String override = System.getenv("LAB_COMPOSE");
			return (override != null && !override.isBlank()) ? List.of(override.trim().split("\\s+"))
					: List.of("docker", "compose");
		}

	}

	@Command(name = "list", description = "Each drill, what it teaches and how long it takes.")
	static final class ListDrills implements Callable<Integer> {

		@Override
		public Integer call() {
			for (Drill drill : Drills.ALL) {
				System.out.printf("%-15s %-9s %s%n", drill.name(), drill.duration(), drill.lesson());
			}
			return 0;
		}

	}

	@Command(name = "run", description = "Run one drill, or all of them; exits 0 only when every invariant holds.")
	static final class Run implements Callable<Integer> {

		@Parameters(paramLabel = "<drill>", description = "A drill name from ./drill list, or all.")
		String name;

		@Option(names = { "-r", "--rate" },
				description = "Orders per second of the drill's load. Default: the drill's own, 20 (12 for scale-out and consumer-crash)")
		Double rate;

		@Option(names = "--reports", defaultValue = "reports",
				description = "Folder for the JSON and Markdown reports. Default: ${DEFAULT-VALUE}")
		Path reports;

		@CommandLine.Mixin
		Target target = new Target();

		@Override
		public Integer call() {
			List<Drill> drills = "all".equals(this.name) ? Drills.ALL : List.of(Drills.named(this.name)
				.orElseThrow(
						() -> new IllegalArgumentException("No drill '" + this.name + "'; ./drill list shows them")));
			DrillRunner runner = new DrillRunner(this.target.lab(),
					(this.rate != null) ? OptionalDouble.of(this.rate) : OptionalDouble.empty(), this.reports);
			List<DrillReport> reports = new ArrayList<>();
			for (Drill drill : drills) {
				reports.add(runner.run(drill, new Narrator(System.out)));
			}
			if (reports.size() > 1) {
				System.out.println();
				reports.forEach((report) -> System.out.printf("%-15s %s%n", report.drill(),
						report.passed() ? "PASSED" : "FAILED"));
			}
			return reports.stream().allMatch(DrillReport::passed) ? 0 : 1;
		}

	}

	@Command(name = "audit", description = "Audit every service's books now (no load, no fault).")
	static final class Audit implements Callable<Integer> {

		@CommandLine.Mixin
		Target target = new Target();

		@Override
		public Integer call() {
			Lab lab = this.target.lab();
			try (AuditClient client = new AuditClient(
					new AuditClient.Targets(lab.service("order-service"), lab.service("inventory-service"),
							lab.service("payment-service"), lab.service("payment-provider")),
					lab.adminToken(), AuditClient.DEFAULT_TIMEOUT)) {
				AuditReport report = new Auditor().audit(client.fetchAll(), new ClientLedger(List.of(), List.of()));
				System.out.println(report.summary());
				return report.passed() ? 0 : 1;
			}
		}

	}

}
