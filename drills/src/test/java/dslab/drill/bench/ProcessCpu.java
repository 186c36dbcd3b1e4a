package dslab.drill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time the lab's processes (and nginx with its workers) have used so far, to say
 * where each path's requests spend the machine's two cores.
 */
final class ProcessCpu {

	private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();

	void add(String name, ProcessHandle process) {
		this.processes.put(name, process);
	}

	/** A lab process by the pid file {@code ./cluster up} wrote, if it runs. */
	void addFromPidFile(String name, Path runDir) {
		try {
			Path file = runDir.resolve(name + ".pid");
			if (Files.exists(file)) {
				ProcessHandle.of(Long.parseLong(Files.readString(file).strip()))
					.ifPresent((process) -> add(name, process));
			}
		}
		catch (IOException | NumberFormatException ex) {
			// Without the pid the figures only lack this process's share.
		}
	}

	Map<String, Duration> snapshot() {
		Map<String, Duration> used = new LinkedHashMap<>();
		this.processes.forEach((name, process) -> used.put(name,
				Stream.concat(Stream.of(process), process.descendants())
					.map((each) -> each.info().totalCpuDuration())
					.flatMap(Optional::stream)
					.reduce(Duration.ZERO, Duration::plus)));
		return used;
	}

	static Map<String, Duration> since(Map<String, Duration> before, Map<String, Duration> after) {
		Map<String, Duration> used = new LinkedHashMap<>();
		after.forEach((name, total) -> used.put(name, total.minus(before.getOrDefault(name, Duration.ZERO))));
		return used;
	}

}
