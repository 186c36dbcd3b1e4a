package dslab.deployment.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The kubectl binary that renders the Kustomize overlays. Without one on the PATH the
 * rendering tests are skipped, unless {@value #REQUIRE} is {@code 1} (as in CI), where a
 * missing kubectl fails the build instead of silently checking nothing.
 */
final class Kubectl {

	static final String REQUIRE = "LAB_REQUIRE_KUBECTL";

	private static final long RENDER_TIMEOUT_SECONDS = 120;

	private final Path binary;

	private Kubectl(Path binary) {
		this.binary = binary;
	}

	/**
	 * The kubectl on the PATH of this environment; skips the calling test when there is
	 * none, or fails it when the environment requires kubectl.
	 */
	static Kubectl onPathOrSkip(Map<String, String> environment) {
		Optional<Path> binary = find(environment.getOrDefault("PATH", ""));
		if (binary.isPresent()) {
			return new Kubectl(binary.get());
		}
		String reason = "kubectl is not on the PATH, so the Kubernetes overlays in k8s/ were not rendered or checked";
		if ("1".equals(environment.get(REQUIRE))) {
			return fail(reason + " (" + REQUIRE + "=1 requires it)");
		}
		System.out.println("SKIPPED: " + reason + "; set " + REQUIRE + "=1 to make this a failure");
		return Assumptions.abort(reason + "; set " + REQUIRE + "=1 to make this a failure");
	}

	static Optional<Path> find(String pathVariable) {
		return Stream.of(pathVariable.split(File.pathSeparator))
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, "kubectl"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/** The manifests {@code kubectl kustomize} renders from this directory. */
	String kustomize(Path directory) throws IOException, InterruptedException {
		Path errors = Files.createTempFile("kubectl-kustomize", ".err");
		try {
			Process process = new ProcessBuilder(this.binary.toString(), "kustomize", directory.toString())
				.redirectError(errors.toFile())
				.start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"kubectl kustomize " + directory + " did not finish in " + RENDER_TIMEOUT_SECONDS + " s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("kubectl kustomize " + directory + " failed (exit "
						+ process.exitValue() + "): " + Files.readString(errors).strip());
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		finally {
			Files.deleteIfExists(errors);
		}
	}

}
