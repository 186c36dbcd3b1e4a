package dslab.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dslab.cluster.ClusterSettings;
import dslab.cluster.LocalCluster;
import dslab.cluster.ServiceDefinition;
import dslab.drill.control.LocalControl;
import dslab.drill.run.Lab;

/**
 * The whole lab, started once per test JVM exactly as {@code ./cluster up} starts it (the
 * broker and every packaged service as its own process), on free ports and in a fresh
 * state folder so it never collides with a cluster a developer is running. Stopped when
 * the JVM exits.
 */
final class RunningLab {

	private static LocalCluster cluster;

	private static double startupSeconds;

	private RunningLab() {
	}

	static synchronized LabClient client() {
		start();
		return new LabClient("http://localhost:" + cluster.settings().port("gateway"));
	}

	/**
	 * The same lab as the drills see it: its ports, the admin token, and control of its
	 * processes.
	 */
	static synchronized Lab drillLab() {
		start();
		return Lab.onLocalhost(cluster.settings().ports(), "localhost:" + cluster.settings().kafkaPort(),
				"lab-admin-token", new LocalControl(cluster));
	}

	private static void start() {
		if (cluster == null) {
			cluster = new LocalCluster(settings(), System.out);
			Runtime.getRuntime().addShutdownHook(new Thread(cluster::down, "lab-down"));
			startupSeconds = cluster.up();
			System.out.printf("Lab ready in %.1f s%n", startupSeconds);
		}
	}

	private static ClusterSettings settings() {
		try {
			Path root = Path.of("..").toAbsolutePath().normalize();
			Map<String, Integer> ports = new LinkedHashMap<>();
			for (ServiceDefinition service : ServiceDefinition.ALL) {
				ports.put(service.name(), freePort());
			}
			Path state = Files.createTempDirectory(Path.of("target"), "lab-");
			return new ClusterSettings(root, state.toAbsolutePath(), freePort(), freePort(), ports,
					ClusterSettings.DEFAULT_JAVA_OPTIONS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
