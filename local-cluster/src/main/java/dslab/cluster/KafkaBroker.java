package dslab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * One real Kafka broker in KRaft combined mode (broker and controller in one process),
 * run as a child process from the jars on this class path, with its data in a folder of
 * its own. The local cluster runs one; every integration test JVM shares one
 * ({@link #shared()}).
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private static KafkaBroker shared;

	private final Process process;

	private final int port;

	private KafkaBroker(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Formats the data folder if it is new, starts the broker and waits until it answers.
	 * @param dataDir where the broker keeps its logs (topic data) and configuration
	 * @param port the client port
	 * @param controllerPort the KRaft controller port
	 * @param logFile where the broker's output goes
	 * @param exitWithParent whether the broker stops when the process that started it
	 * dies (for tests), rather than outliving it (for the local cluster)
	 */
	public static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logFile, boolean exitWithParent) {
		try {
			Files.createDirectories(dataDir);
			Files.createDirectories(logFile.toAbsolutePath().getParent());
			Path config = writeConfig(dataDir, port, controllerPort);
			if (!Files.exists(dataDir.resolve("kraft").resolve("meta.properties"))) {
				format(config, logFile);
			}
			List<String> command = javaCommand(
					List.of(LocalCluster.processMarker("kafka"), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
							"-XX:TieredStopAtLevel=1"),
					BrokerMain.class.getName(), config.toString(), Boolean.toString(exitWithParent));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
			KafkaBroker broker = new KafkaBroker(process, port);
			broker.awaitReady(logFile);
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The broker of this JVM's tests: started on free ports in a temporary folder the
	 * first time it is asked for, stopped when the JVM exits.
	 * @return its bootstrap servers
	 */
	public static synchronized String shared() {
		if (shared == null) {
			try {
				Path dir = Files.createTempDirectory("dslab-kafka-");
				shared = start(dir, freePort(), freePort(), dir.resolve("broker.log"), true);
				Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-broker-stop"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return shared.bootstrapServers();
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/** Stops the broker gracefully, forcibly if it takes longer than 15 s. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReady(Path logFile) {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				2000);
		try (Admin admin = Admin.create(config)) {
			while (Instant.now().isBefore(deadline)) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("Kafka broker exited with code " + this.process.exitValue()
							+ " during start; see " + logFile.toAbsolutePath());
				}
				try {
					admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
					return;
				}
				catch (Exception ex) {
					if (ex instanceof InterruptedException) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException("Interrupted waiting for Kafka", ex);
					}
				}
			}
		}
		close();
		throw new IllegalStateException(
				"Kafka broker not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + logFile.toAbsolutePath());
	}

	private static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
		Properties config = new Properties();
		config.setProperty("process.roles", "broker,controller");
		config.setProperty("node.id", "1");
		config.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
		config.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
		config.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
		config.setProperty("controller.listener.names", "CONTROLLER");
		config.setProperty("inter.broker.listener.name", "PLAINTEXT");
		config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.setProperty("log.dirs", dataDir.resolve("kraft").toAbsolutePath().toString());
		// One broker: internal topics cannot have more replicas than that.
		config.setProperty("offsets.topic.replication.factor", "1");
		config.setProperty("transaction.state.log.replication.factor", "1");
		config.setProperty("transaction.state.log.min.isr", "1");
		config.setProperty("share.coordinator.state.topic.replication.factor", "1");
		config.setProperty("share.coordinator.state.topic.min.isr", "1");
		// Services create their topics with explicit partition counts; a typo must not
		// create one.
		config.setProperty("auto.create.topics.enable", "false");
		config.setProperty("num.partitions", "6");
		// A consumer group forms at once instead of waiting 3 s for more members.
		config.setProperty("group.initial.rebalance.delay.ms", "0");
		// The consumer group protocol (KIP-848, the services' default,
		// docs/rebalancing.md)
		// takes session and heartbeat from the broker: a consumer that stops
		// heartbeating loses its partitions after 10 s (45 s by default), and heartbeats
		// every second (5 s by default) carry assignment changes, so a partition moves
		// within about two of them.
		config.setProperty("group.consumer.session.timeout.ms", "10000");
		config.setProperty("group.consumer.min.session.timeout.ms", "6000");
		config.setProperty("group.consumer.heartbeat.interval.ms", "1000");
		config.setProperty("group.consumer.min.heartbeat.interval.ms", "1000");
		config.setProperty("log.retention.hours", "168");
		config.setProperty("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
		Path file = dataDir.resolve("server.properties");
		try (var out = Files.newBufferedWriter(file)) {
			config.store(out, "Written by dslab.cluster.KafkaBroker at every start");
		}
		return file;
	}

	private static void format(Path config, Path logFile) throws IOException {
		List<String> command = javaCommand(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"), "kafka.tools.StorageTool",
				"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(),
				"--ignore-formatted");
		Process format = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.start();
		try {
			if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
				format.destroyForcibly();
				throw new IllegalStateException("Formatting Kafka storage failed; see " + logFile.toAbsolutePath());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted formatting Kafka storage", ex);
		}
	}

	/**
	 * A command that runs a main class of this class path in a new JVM. The JVM options
	 * come first: the OS may show only the first 4 KiB of a command line, and the class
	 * path is long.
	 */
	private static List<String> javaCommand(List<String> jvmOptions, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-Dlogback.configurationFile=kafka-logback.xml");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.addAll(List.of(arguments));
		return command;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
