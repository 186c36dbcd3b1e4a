package dslab.deployment.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * {@code docker-compose -f docker-compose.yml config -q}: docker-compose 1.29 itself
 * (Debian's package, which .ci/run installs) parses, interpolates and validates the file.
 * Where it is not installed the tests are skipped with the reason printed, unless
 * {@code LAB_REQUIRE_COMPOSE=1} (set by .ci/run), which makes its absence a failure.
 */
class DockerComposeConfigTests {

	private static final String DOCKER_COMPOSE = "docker-compose";

	@BeforeAll
	static void dockerComposeInstalled() {
		if (run(List.of(DOCKER_COMPOSE, "version", "--short"), Path.of(".")).exitCode() == 0) {
			return;
		}
		String reason = DOCKER_COMPOSE + " is not installed (apt-get install docker-compose), so the Compose file "
				+ "is not checked by docker-compose itself";
		if ("1".equals(System.getenv("LAB_REQUIRE_COMPOSE"))) {
			fail(reason + ", and LAB_REQUIRE_COMPOSE=1 requires it");
		}
		System.out.println("SKIPPED: " + reason);
		abort(reason);
	}

	@Test
	void acceptsTheRepositorysComposeFile() {
		Path file = Repository.composeFile();
		Result result = run(List.of(DOCKER_COMPOSE, "-f", file.toString(), "config", "-q"), file.getParent());
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void rejectsAComposeFileThatDependsOnAMissingService() {
		Path file = Repository.brokenFixture("missing-dependency.yml");
		Result result = run(List.of(DOCKER_COMPOSE, "-f", file.toString(), "config", "-q"), file.getParent());
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("ghost");
	}

	@Test
	void rejectsComposeV2OnlySyntax() {
		Path file = Repository.brokenFixture("compose-v2-only.yml");
		Result result = run(List.of(DOCKER_COMPOSE, "-f", file.toString(), "config", "-q"), file.getParent());
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("name");
	}

	private static Result run(List<String> command, Path directory) {
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Result(-1, String.join(" ", command) + " did not finish within 120 s");
			}
			return new Result(process.exitValue(),
					new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new Result(-1, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(-1, "interrupted");
		}
	}

	private record Result(int exitCode, String output) {
	}

}
