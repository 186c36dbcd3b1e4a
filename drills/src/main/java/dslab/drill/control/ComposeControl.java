package dslab.drill.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Controls the lab under Docker Compose with the {@code docker compose} CLI (or the older
 * {@code docker-compose} 1.29: only commands both accept), from the folder that holds
 * {@code docker-compose.yml}. {@link #start} returns once the container runs; the drill
 * runner then waits for the service's readiness itself.
 */
public final class ComposeControl implements ClusterControl {

	private final Path directory;

	private final List<String> compose;

	public ComposeControl(Path directory, List<String> compose) {
		this.directory = directory;
		this.compose = List.copyOf(compose);
	}

	@Override
	public void kill(String service) {
		run("kill", "-s", "SIGKILL", service);
	}

	@Override
	public void stop(String service) {
		run("stop", service);
	}

	@Override
	public void start(String service) {
		run("start", service);
	}

	/**
	 * Scales {@code <service>-replica}, the Compose service that holds a service's
	 * further instances: {@code count - 1} of them beside the first.
	 */
	@Override
	public void scale(String service, int count) {
		if (count < 1) {
			throw new IllegalArgumentException(service + " runs at least one instance, not " + count);
		}
		run("up", "-d", "--no-deps", "--scale", replicas(service) + "=" + (count - 1), replicas(service));
	}

	@Override
	public int instances(String service) {
		long replicas = run("ps", "-q", replicas(service)).lines().filter((line) -> !line.isBlank()).count();
		return (isRunning(service) ? 1 : 0) + (int) replicas;
	}

	private static String replicas(String service) {
		return service + "-replica";
	}

	@Override
	public boolean isRunning(String service) {
		return run("ps", "--services", "--filter", "status=running").lines().anyMatch(service::equals);
	}

	@Override
	public String target() {
		return "compose";
	}

	private String run(String... arguments) {
		List<String> command = new ArrayList<>(this.compose);
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted running " + String.join(" ", command), ex);
		}
	}

}
