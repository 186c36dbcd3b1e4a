package dslab.deployment.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Finding kubectl, and what happens without it. */
@DisabledOnOs(OS.WINDOWS)
class KubectlTests {

	@TempDir
	Path directory;

	@Test
	void findsKubectlOnThePath() throws IOException {
		Path kubectl = fakeKubectl("exit 0");

		assertThat(Kubectl.find("/nonexistent:" + this.directory)).contains(kubectl);
	}

	@Test
	void skipsWhenKubectlIsMissing() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> Kubectl.onPathOrSkip(Map.of("PATH", this.directory.toString())))
			.withMessageContaining("kubectl is not on the PATH")
			.withMessageContaining("set LAB_REQUIRE_KUBECTL=1 to make this a failure");
	}

	@Test
	void failsWhenKubectlIsMissingButRequired() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> Kubectl.onPathOrSkip(Map.of("PATH", this.directory.toString(), Kubectl.REQUIRE, "1")))
			.withMessageContaining("LAB_REQUIRE_KUBECTL=1 requires it");
	}

	@Test
	void reportsWhatKubectlSaidWhenRenderingFails() throws IOException {
		fakeKubectl("echo 'error: accumulating resources: missing.yaml' >&2; exit 1");
		Kubectl kubectl = Kubectl.onPathOrSkip(Map.of("PATH", this.directory.toString()));

		assertThatIllegalStateException().isThrownBy(() -> kubectl.kustomize(this.directory))
			.withMessageContaining("failed (exit 1): error: accumulating resources: missing.yaml");
	}

	private Path fakeKubectl(String script) throws IOException {
		Path kubectl = this.directory.resolve("kubectl");
		Files.writeString(kubectl, "#!/bin/sh\n" + script + "\n");
		Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
		return kubectl;
	}

}
