package dslab.cluster;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command behind {@code ./cluster}: runs the lab locally with no Docker. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
		description = "Runs the distributed-systems lab on this machine: one Kafka broker and every service as its own process.",
		subcommands = { ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class })
public final class ClusterCommand {

	private static final String SERVICE = "kafka, gateway, order-service, ..., or an instance: inventory-service-2";

	public static void main(String[] args) {
		CommandLine commandLine = new CommandLine(new ClusterCommand());
		commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
			line.getErr().println("error: " + ex.getMessage());
			return 1;
		});
		System.exit(commandLine.execute(args));
	}

	static LocalCluster cluster() {
		Path root = Path.of(System.getProperty("lab.root", ".")).toAbsolutePath().normalize();
		return new LocalCluster(ClusterSettings.fromEnvironment(root, System::getenv), System.out);
	}

	@Command(name = "up", description = "Start the broker and every service, and wait until all are ready.")
	static final class Up implements Callable<Integer> {

		@Override
		public Integer call() {
			LocalCluster cluster = cluster();
			double seconds = cluster.up();
			int gateway = cluster.settings().port("gateway");
			System.out.printf("""

					The lab is up (ready in %.1f s). Gateway: http://localhost:%d
					  order-service     http://localhost:%d   payment-service  http://localhost:%d
					  inventory-service http://localhost:%d   payment-provider http://localhost:%d
					  kafka             localhost:%d          logs: ./cluster logs <service>

					Place an order:
					  curl -i -X POST http://localhost:%d/api/orders -H 'Content-Type: application/json' \\
					       -H 'Idempotency-Key: try-1' -d '{"customerId":"c-1","lines":[{"sku":"SKU-1","quantity":2}]}'
					Then follow it with the Location it returns: curl http://localhost:%d/api/orders/<orderId>
					Stop everything with ./cluster down
					""", seconds, gateway, cluster.settings().port("order-service"),
					cluster.settings().port("payment-service"), cluster.settings().port("inventory-service"),
					cluster.settings().port("payment-provider"), cluster.settings().kafkaPort(), gateway, gateway);
			return 0;
		}

	}

	@Command(name = "down", description = "Stop every process ./cluster up started (by pid).")
	static final class Down implements Callable<Integer> {

		@Override
		public Integer call() {
			cluster().down();
			System.out.println("The lab is down. Data stays in .cluster/data (delete it for a fresh start).");
			return 0;
		}

	}

	@Command(name = "status", description = "Show each process, its pid, port and health.")
	static final class Status implements Callable<Integer> {

		@Override
		public Integer call() {
			System.out.printf("%-20s %-8s %-6s %-9s %s%n", "SERVICE", "PID", "PORT", "RSS(MiB)", "STATE");
			long total = 0;
			for (LocalCluster.Status line : cluster().status()) {
				System.out.printf("%-20s %-8s %-6d %-9s %s%n", line.name(), (line.pid() != null) ? line.pid() : "-",
						line.port(), (line.rssMib() != null) ? line.rssMib() : "-", line.state());
				total += (line.rssMib() != null) ? line.rssMib() : 0;
			}
			if (total > 0) {
				System.out.printf("%-36s %d MiB resident in all%n", "", total);
			}
			return 0;
		}

	}

	// One process at a time (the drills' cluster control): picocli turns each method into
	// a
	// subcommand taking the process name.

	@Command(name = "kill", description = "SIGKILL one process (no graceful shutdown): kafka or a service.")
	int kill(@CommandLine.Parameters(paramLabel = "<service>", description = SERVICE) String name) {
		if (cluster().kill(name).isEmpty()) {
			System.out.println(name + " is not running");
		}
		return 0;
	}

	@Command(name = "stop", description = "Stop one process gracefully (SIGTERM): kafka or a service.")
	int stop(@CommandLine.Parameters(paramLabel = "<service>", description = SERVICE) String name) {
		cluster().stop(name);
		return 0;
	}

	@Command(name = "start", description = "Start one process and wait until it is ready: kafka or a service.")
	int start(@CommandLine.Parameters(paramLabel = "<service>", description = SERVICE) String name) {
		System.out.printf("%s ready (%.1f s)%n", name, cluster().start(name));
		return 0;
	}

	@Command(name = "scale",
			description = "Run exactly N instances of inventory-service or payment-service: instance i listens on"
					+ " the service's port + 100·(i-1) (inventory-service-2 on 8183), logs to"
					+ " ./cluster logs <service>-<i>; surplus instances stop highest first, gracefully.")
	int scale(
			@CommandLine.Parameters(index = "0", paramLabel = "<service>",
					description = "inventory-service or payment-service") String service,
			@CommandLine.Parameters(index = "1", paramLabel = "<N>",
					description = "instances to run, 1 to " + Instance.MAX) int count) {
		LocalCluster cluster = cluster();
		double seconds = cluster.scale(service, count);
		System.out.printf("%s: %d instance(s) running %s (%.1f s)%n", service, count,
				cluster.instances(service).stream().map(Instance::name).toList(), seconds);
		return 0;
	}

	@Command(name = "restart", description = "Stop one process gracefully, start it, wait until it is ready.")
	int restart(@CommandLine.Parameters(paramLabel = "<service>", description = SERVICE) String name) {
		System.out.printf("%s ready (%.1f s)%n", name, cluster().restart(name));
		return 0;
	}

}
