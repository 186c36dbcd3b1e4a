package dslab.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the local cluster keeps its state and which ports it uses.
 *
 * @param root the repository root (where the modules' target folders are)
 * @param stateDir pid files, logs and data ({@code .cluster} by default, ignored by git)
 * @param kafkaPort the broker's client port
 * @param controllerPort the broker's KRaft controller port
 * @param ports each service's port by name
 * @param javaOptions JVM options for every service process
 */
public record ClusterSettings(Path root, Path stateDir, int kafkaPort, int controllerPort, Map<String, Integer> ports,
		List<String> javaOptions) {

	/**
	 * JVM options sized so the whole cluster fits in about 2.5 GiB on a laptop: a small
	 * heap, the serial collector (no extra GC threads) and the C1 compiler only, which
	 * starts faster. A JVM that runs out of memory exits instead of limping on with dead
	 * threads (crash-only: a dead process is visible and restartable, a half-dead one is
	 * neither). Override with {@code LAB_JAVA_OPTS}.
	 */
	public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xms64m", "-Xmx256m",
			"-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
			"-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m");

	public ClusterSettings {
		ports = Map.copyOf(ports);
		javaOptions = List.copyOf(javaOptions);
	}

	/**
	 * Settings from environment variables ({@code LAB_KAFKA_PORT},
	 * {@code LAB_<SERVICE>_PORT}...).
	 */
	public static ClusterSettings fromEnvironment(Path root, Function<String, String> environment) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			ports.put(service.name(), port(environment, service.portVariable(), service.defaultPort()));
		}
		String options = environment.apply("LAB_JAVA_OPTS");
		String stateDir = environment.apply("LAB_STATE_DIR");
		return new ClusterSettings(root, (stateDir != null) ? Path.of(stateDir) : root.resolve(".cluster"),
				port(environment, "LAB_KAFKA_PORT", 9092), port(environment, "LAB_KAFKA_CONTROLLER_PORT", 9093), ports,
				(options != null && !options.isBlank()) ? List.of(options.trim().split("\\s+")) : DEFAULT_JAVA_OPTIONS);
	}

	public Path dataDir() {
		return this.stateDir.resolve("data");
	}

	public Path logDir() {
		return this.stateDir.resolve("logs");
	}

	public Path runDir() {
		return this.stateDir.resolve("run");
	}

	public int port(String service) {
		return this.ports.get(service);
	}

	private static int port(Function<String, String> environment, String variable, int fallback) {
		String value = environment.apply(variable);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int port = Integer.parseInt(value.trim());
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(variable + " must be a port number (1-65535), not '" + value + "'");
		}
	}

}
