package dslab.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One application of the lab: its Maven module, its default port, and how it finds the
 * others.
 *
 * @param name the service name, also its module folder
 * @param defaultPort the port it listens on unless overridden ({@code LAB_<NAME>_PORT})
 */
public record ServiceDefinition(String name, int defaultPort) {

	/** Every application, in start order: those that others call first. */
	public static final List<ServiceDefinition> ALL = List.of(new ServiceDefinition("payment-provider", 8084),
			new ServiceDefinition("inventory-service", 8083), new ServiceDefinition("payment-service", 8082),
			new ServiceDefinition("order-service", 8081), new ServiceDefinition("gateway", 8080));

	/**
	 * The services that may run several instances ({@code ./cluster scale}): those whose
	 * work comes from Kafka, so that more consumers share their partitions.
	 */
	public static final Set<String> SCALABLE = Set.of("inventory-service", "payment-service");

	public static ServiceDefinition named(String name) {
		return ALL.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown service '" + name + "'; one of " + ALL.stream().map(ServiceDefinition::name).toList()));
	}

	/** Whether the service may run several instances. */
	public boolean scalable() {
		return SCALABLE.contains(this.name);
	}

	/** The executable jar the build produces for this service. */
	public Path jar(Path root) {
		Path target = root.resolve(this.name).resolve("target");
		try (var files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(missingJar(target)));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(missingJar(target), ex);
		}
	}

	/**
	 * The environment variable that overrides the port, e.g.
	 * {@code LAB_ORDER_SERVICE_PORT}.
	 */
	public String portVariable() {
		return "LAB_" + this.name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PORT";
	}

	/**
	 * Command-line properties that tell this service where Kafka, its data and its peers
	 * are.
	 */
	List<String> arguments(ClusterSettings settings) {
		return arguments(settings, new Instance(this, 1));
	}

	/**
	 * The same for one instance: its own port, and its name in its Kafka client id so
	 * that partition owners are readable.
	 */
	List<String> arguments(ClusterSettings settings, Instance instance) {
		Map<String, Integer> ports = settings.ports();
		List<String> common = List.of("--server.port=" + instance.port(settings),
				"--spring.kafka.bootstrap-servers=localhost:" + settings.kafkaPort(),
				"--lab.data-dir=" + settings.dataDir().toAbsolutePath());
		if (scalable()) {
			common = concat(common, "--spring.kafka.client-id=" + instance.clientId());
		}
		return switch (this.name) {
			case "payment-service" ->
				concat(common, "--lab.payment.provider.base-url=http://localhost:" + ports.get("payment-provider"));
			case "gateway" ->
				concat(common, "--lab.gateway.order-service=http://localhost:" + ports.get("order-service"),
						"--lab.gateway.payment-service=http://localhost:" + ports.get("payment-service"),
						"--lab.gateway.inventory-service=http://localhost:" + ports.get("inventory-service"),
						// The shedding control port (docs/load-shedding.md): 9080 beside
						// the default
						// 8080, and never the same port when the gateway's port is moved.
						"--lab.gateway.shedding.control.port=" + controlPort(ports.get("gateway")));
			default -> common;
		};
	}

	/** Where the gateway's shedding control listens: its own port plus 1000. */
	public static int controlPort(int gatewayPort) {
		return (gatewayPort + 1000 <= 65535) ? gatewayPort + 1000 : 0;
	}

	private static List<String> concat(List<String> first, String... more) {
		return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(more)).toList();
	}

	private static String missingJar(Path target) {
		return "No executable jar in " + target + "; build first (./cluster up builds what is missing,"
				+ " or run ./mvnw -DskipTests package)";
	}

}
