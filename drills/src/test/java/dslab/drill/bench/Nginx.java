package dslab.drill.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx as a child process of the benchmark, with a generated configuration,
 * never as a system service; stopped (fast shutdown) when closed.
 */
final class Nginx implements AutoCloseable {

	private static final List<String> USUAL_PLACES = List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx",
			"/usr/local/nginx/sbin/nginx");

	private final Process process;

	private final Path workDir;

	private Nginx(Process process, Path workDir) {
		this.process = process;
		this.workDir = workDir;
	}

	/** The nginx binary on the PATH or where Debian puts it, if installed. */
	static Optional<Path> binary() {
		Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.filter((dir) -> !dir.isBlank())
			.map((dir) -> Path.of(dir, "nginx"));
		return Stream.concat(onPath, USUAL_PLACES.stream().map(Path::of)).filter(Files::isExecutable).findFirst();
	}

	/**
	 * Writes the configuration, checks it with {@code nginx -t}, starts nginx and waits
	 * for its port.
	 */
	static Nginx start(Path binary, NginxConfig config) throws IOException, InterruptedException {
		Path dir = config.workDir().toAbsolutePath();
		Files.createDirectories(dir);
		Path file = dir.resolve("nginx.conf");
		Files.writeString(file, config.render());
		Process check = new ProcessBuilder(binary.toString(), "-t", "-p", dir.toString(), "-c", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("check.log").toFile())
			.start();
		if (!check.waitFor(20, TimeUnit.SECONDS) || check.exitValue() != 0) {
			throw new IllegalStateException("nginx -t refused the generated configuration: "
					+ Files.readString(dir.resolve("check.log")).strip());
		}
		Process process = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("stdout.log").toFile())
			.start();
		Nginx nginx = new Nginx(process, dir);
		try {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !process.isAlive() || listens(config.listenPort()));
			if (!process.isAlive()) {
				throw new IllegalStateException("nginx exited at start: " + nginx.errors());
			}
			return nginx;
		}
		catch (RuntimeException ex) {
			nginx.close();
			throw ex;
		}
	}

	private static boolean listens(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	ProcessHandle process() {
		return this.process.toHandle();
	}

	String errors() {
		try {
			Path log = this.workDir.resolve("error.log");
			return Files.exists(log) ? Files.readString(log).strip() : "";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	@Override
	public void close() {
		// SIGTERM is nginx's fast shutdown: the master stops its workers, then exits.
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
