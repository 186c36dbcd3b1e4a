package dslab.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The lab on one machine: a Kafka broker and each service as its own process, tracked by
 * pid files so that {@link #down()} stops exactly what {@link #up()} started. Used by
 * {@code ./cluster} and by the end-to-end tests.
 */
public final class LocalCluster {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(150);

	private static final String KAFKA = "kafka";

	private final ClusterSettings settings;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	public LocalCluster(ClusterSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	/**
	 * Starts whatever is not running yet (the broker first, then every service at once)
	 * and waits until each is ready.
	 * @return the seconds it took until the whole cluster was ready
	 */
	public double up() {
		long started = System.nanoTime();
		createDirectories();
		startKafka(started);
		startServices(ServiceDefinition.ALL.stream().map((service) -> new Instance(service, 1)).toList(), started);
		return seconds(started);
	}

	/**
	 * Stops every process this cluster started: services first (a scaled service's
	 * highest instance first), the broker last.
	 */
	public void down() {
		List<String> names = new ArrayList<>();
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			names.add(service.name());
			if (service.scalable()) {
				extraInstances(service).forEach((instance) -> names.add(instance.name()));
			}
		}
		Collections.reverse(names);
		names.add(KAFKA);
		names.forEach(this::stop);
	}

	/**
	 * Starts one process ({@code kafka}, a service or one instance of it, e.g.
	 * {@code inventory-service-2}) unless it is running, and waits until it is ready.
	 * @return the seconds it took
	 */
	public double start(String name) {
		long started = System.nanoTime();
		createDirectories();
		if (KAFKA.equals(name)) {
			startKafka(started);
		}
		else {
			startServices(List.of(Instance.named(name)), started);
		}
		return seconds(started);
	}

	/**
	 * Starts or stops instances of a scalable service until exactly {@code count} run:
	 * new ones start at once and are waited for; surplus ones stop highest first,
	 * gracefully (SIGTERM: their consumers leave the group, so their partitions move at
	 * once instead of after a session timeout).
	 * @param service {@code inventory-service} or {@code payment-service}
	 * @param count how many instances should run, 1 to {@link Instance#MAX}
	 * @return the seconds it took
	 */
	public double scale(String service, int count) {
		ServiceDefinition definition = ServiceDefinition.named(service);
		if (!definition.scalable()) {
			throw new IllegalArgumentException(service + " cannot be scaled: it runs one instance (its HTTP port is"
					+ " what others call). Scalable: " + ServiceDefinition.SCALABLE.stream().sorted().toList());
		}
		new Instance(definition, count);
		long started = System.nanoTime();
		createDirectories();
		List<Instance> surplus = new ArrayList<>(
				extraInstances(definition).stream().filter((instance) -> instance.index() > count).toList());
		Collections.reverse(surplus);
		surplus.forEach((instance) -> stop(instance.name()));
		startServices(IntStream.rangeClosed(1, count).mapToObj((index) -> new Instance(definition, index)).toList(),
				started);
		return seconds(started);
	}

	/**
	 * The instances of a service that run now, lowest first (instance 1 only if it runs).
	 */
	public List<Instance> instances(String service) {
		ServiceDefinition definition = ServiceDefinition.named(service);
		List<Instance> running = new ArrayList<>();
		if (pidOf(definition.name()).isPresent()) {
			running.add(new Instance(definition, 1));
		}
		if (definition.scalable()) {
			running.addAll(extraInstances(definition));
		}
		return running;
	}

	/** Instances 2 and up of a service that have a live process, lowest first. */
	private List<Instance> extraInstances(ServiceDefinition service) {
		return IntStream.rangeClosed(2, Instance.MAX)
			.mapToObj((index) -> new Instance(service, index))
			.filter((instance) -> pidOf(instance.name()).isPresent())
			.toList();
	}

	/**
	 * Stops one process gracefully (SIGTERM, then SIGKILL after 20 s); does nothing if it
	 * is down.
	 */
	public void stop(String name) {
		requireKnown(name);
		Optional<ProcessHandle> process = pidOf(name).flatMap(ProcessHandle::of);
		if (process.isPresent()) {
			this.out.printf("Stopping %-19s (pid %d)%n", name, process.get().pid());
			stop(process.get());
		}
		deletePid(name);
	}

	/**
	 * Kills one process with SIGKILL: no graceful shutdown, no shutdown hooks, as when a
	 * machine loses power or the OOM killer strikes.
	 * @return the pid killed, if it was running
	 */
	public Optional<Long> kill(String name) {
		requireKnown(name);
		Optional<ProcessHandle> process = pidOf(name).flatMap(ProcessHandle::of);
		process.ifPresent((running) -> {
			this.out.printf("Killing %-19s (pid %d) with SIGKILL%n", name, running.pid());
			running.destroyForcibly();
			running.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally((failure) -> null).join();
		});
		deletePid(name);
		return process.map(ProcessHandle::pid);
	}

	/** Stops one process gracefully and starts it again. */
	public double restart(String name) {
		stop(name);
		return start(name);
	}

	private void startKafka(long started) {
		Optional<Long> running = pidOf(KAFKA);
		if (running.isPresent()) {
			this.out.printf("Kafka broker already running (pid %d)%n", running.get());
			return;
		}
		requireFreePort(KAFKA, this.settings.kafkaPort(), "LAB_KAFKA_PORT");
		requireFreePort(KAFKA, this.settings.controllerPort(), "LAB_KAFKA_CONTROLLER_PORT");
		this.out.printf("Starting Kafka broker on :%d ...%n", this.settings.kafkaPort());
		KafkaBroker broker = KafkaBroker.start(this.settings.dataDir().resolve(KAFKA), this.settings.kafkaPort(),
				this.settings.controllerPort(), logFile(KAFKA), false);
		writePid(KAFKA, broker.pid());
		this.out.printf("  kafka ready on :%d (pid %d, %.1f s)%n", this.settings.kafkaPort(), broker.pid(),
				seconds(started));
	}

	private void startServices(List<Instance> instances, long started) {
		List<Instance> toStart = instances.stream().filter((instance) -> pidOf(instance.name()).isEmpty()).toList();
		for (Instance instance : toStart) {
			requireFreePort(instance.name(), instance.port(this.settings), instance.service().portVariable());
		}
		List<CompletableFuture<Void>> readiness = new ArrayList<>();
		try (var waiters = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Instance instance : toStart) {
				Process process = start(instance);
				this.out.printf("Starting %-19s on :%d (pid %d)%n", instance.name(), instance.port(this.settings),
						process.pid());
				readiness.add(CompletableFuture.runAsync(() -> awaitReady(instance, process, started), waiters));
			}
			CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)).join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
	}

	private static void requireKnown(String name) {
		if (!KAFKA.equals(name)) {
			Instance.named(name);
		}
	}

	/**
	 * One line per process: name, pid, port and state; the broker, every service, and
	 * each further instance of a scaled service that runs.
	 */
	public List<Status> status() {
		List<Status> lines = new ArrayList<>();
		Optional<Long> kafka = pidOf(KAFKA);
		lines.add(new Status(KAFKA, kafka.orElse(null), this.settings.kafkaPort(),
				kafka.isPresent() ? "running" : "down", kafka.flatMap(LocalCluster::residentMemoryMib).orElse(null)));
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			lines.add(status(new Instance(service, 1)));
			if (service.scalable()) {
				extraInstances(service).forEach((instance) -> lines.add(status(instance)));
			}
		}
		return lines;
	}

	private Status status(Instance instance) {
		Optional<Long> pid = pidOf(instance.name());
		String state = pid.isEmpty() ? "down" : readiness(instance).orElse("starting");
		return new Status(instance.name(), pid.orElse(null), instance.port(this.settings), state,
				pid.flatMap(LocalCluster::residentMemoryMib).orElse(null));
	}

	/**
	 * Resident memory of a process in MiB, where the OS tells it ({@code /proc} on
	 * Linux).
	 */
	static Optional<Long> residentMemoryMib(long pid) {
		try {
			return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))
				.stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
				.findFirst();
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * One process of the cluster.
	 *
	 * @param name service name or {@code kafka}
	 * @param pid its process id, or {@code null} when it is not running
	 * @param port its port
	 * @param state {@code down}, {@code starting}, {@code running}, or the readiness
	 * status ({@code UP}...)
	 * @param rssMib resident memory in MiB, or {@code null} where unknown
	 */
	public record Status(String name, Long pid, int port, String state, Long rssMib) {
	}

	public ClusterSettings settings() {
		return this.settings;
	}

	/**
	 * Moves a process's log from its previous run to {@code <name>.log.1} (replacing the
	 * one before): a drill that kills and restarts a process leaves both runs to read.
	 */
	private static void keepPrevious(Path log) throws IOException {
		if (Files.exists(log)) {
			Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private Process start(Instance instance) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add(processMarker(instance.name()));
		command.addAll(this.settings.javaOptions());
		command.add("-jar");
		command.add(instance.service().jar(this.settings.root()).toString());
		command.addAll(instance.service().arguments(this.settings, instance));
		try {
			Path log = logFile(instance.name());
			keepPrevious(log);
			Process process = new ProcessBuilder(command).directory(this.settings.root().toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			writePid(instance.name(), process.pid());
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + instance.name(), ex);
		}
	}

	private void awaitReady(Instance instance, Process process, long started) {
		String name = instance.name();
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				deletePid(name);
				throw new IllegalStateException(name + " exited with code " + process.exitValue()
						+ " while starting. Last lines of " + logFile(name) + ":\n" + tail(logFile(name), 25));
			}
			if (readiness(instance).filter("UP"::equals).isPresent()) {
				this.out.printf("  %-19s ready on :%d (%.1f s)%n", name, instance.port(this.settings),
						seconds(started));
				return;
			}
			pause(Duration.ofMillis(250));
		}
		throw new IllegalStateException(name + " not ready after " + READY_TIMEOUT.toSeconds() + " s. Last lines of "
				+ logFile(name) + ":\n" + tail(logFile(name), 25));
	}

	private Optional<String> readiness(Instance instance) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + instance.port(this.settings) + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			String body = this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
			int at = body.indexOf("\"status\":\"");
			return (at < 0) ? Optional.empty() : Optional.of(body.substring(at + 10, body.indexOf('"', at + 10)));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private static void stop(ProcessHandle process) {
		process.destroy();
		try {
			process.onExit().get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			process.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally((failure) -> null).join();
		}
	}

	/** The pid of a process this cluster started and that is still alive, if any. */
	private Optional<Long> pidOf(String name) {
		Path file = pidFile(name);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try {
			long pid = Long.parseLong(Files.readString(file).trim());
			// A pid can be reused after a reboot: only trust it if the process is one of
			// ours.
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((process) -> process.info()
					.commandLine()
					.map((commandLine) -> commandLine.contains(processMarker(name)))
					.orElse(true))
				.map(ProcessHandle::pid);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The first JVM option of every process the cluster starts: it names the process, so
	 * a pid reused by another program after a reboot is never mistaken for ours (and
	 * {@code ps} shows which is which).
	 */
	static String processMarker(String name) {
		return "-Dlab.process=" + name;
	}

	private void requireFreePort(String name, int port, String variable) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("localhost", port));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Port " + port + " for " + name + " is in use by another process."
					+ " Stop that process, or choose another port with " + variable + "=<port>.");
		}
	}

	private void createDirectories() {
		try {
			Files.createDirectories(this.settings.dataDir());
			Files.createDirectories(this.settings.logDir());
			Files.createDirectories(this.settings.runDir());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path logFile(String name) {
		return this.settings.logDir().resolve(name + ".log");
	}

	private Path pidFile(String name) {
		return this.settings.runDir().resolve(name + ".pid");
	}

	private void writePid(String name, long pid) {
		try {
			Files.writeString(pidFile(name), pid + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void deletePid(String name) {
		try {
			Files.deleteIfExists(pidFile(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log)";
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

}
