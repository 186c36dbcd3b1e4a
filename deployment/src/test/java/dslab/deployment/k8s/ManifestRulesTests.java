package dslab.deployment.k8s;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All rules together: the valid render keeps them, and every broken fixture breaks one.
 */
class ManifestRulesTests {

	/** The fixtures that the reader rejects before any rule sees them. */
	private static final Set<String> UNREADABLE = Set.of("misspelt-field.yaml", "wrong-type.yaml",
			"strimzi-misspelt-field.yaml", "strimzi-wrong-type.yaml", "strimzi-unknown-value.yaml",
			"unknown-kind.yaml");

	@Test
	void theValidRenderKeepsEveryRule() {
		assertThat(ManifestRule.violations(Fixtures.valid(), Fixtures.contract())).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenFixtures")
	void everyBrokenFixtureBreaksARule(String fixture) {
		List<String> violations = ManifestRule.violations(Fixtures.validWith(fixture), Fixtures.contract());

		assertThat(violations).as(fixture).isNotEmpty();
	}

	static Stream<String> brokenFixtures() throws IOException, URISyntaxException {
		Path broken = Path.of(Fixtures.class.getResource("/k8s/broken").toURI());
		try (Stream<Path> files = Files.list(broken)) {
			List<String> fixtures = files.map((file) -> file.getFileName().toString())
				.filter((name) -> !UNREADABLE.contains(name))
				.sorted()
				.map((name) -> "broken/" + name)
				.toList();
			return fixtures.stream();
		}
	}

}
