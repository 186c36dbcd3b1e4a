package dslab.deployment.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files of this repository that the deployment checks read. */
final class Repository {

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

	private Repository() {
	}

	/**
	 * The repository root: the nearest folder above the working directory with the
	 * Compose file.
	 */
	static Path root() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
				return dir;
			}
		}
		throw new IllegalStateException(
				"No repository root (docker-compose.yml next to mvnw) above " + Path.of("").toAbsolutePath());
	}

	static Path composeFile() {
		return root().resolve("docker-compose.yml");
	}

	/** A deliberately broken fixture from {@code compose/broken}. */
	static Path brokenFixture(String name) {
		try {
			return Path.of(Repository.class.getResource("/compose/broken/" + name).toURI());
		}
		catch (URISyntaxException | NullPointerException ex) {
			throw new IllegalStateException("No fixture compose/broken/" + name, ex);
		}
	}

	/** The modules of the root POM. */
	static Set<String> modules() {
		try {
			Matcher matcher = MODULE.matcher(Files.readString(root().resolve("pom.xml")));
			Set<String> modules = new LinkedHashSet<>();
			while (matcher.find()) {
				modules.add(matcher.group(1).trim());
			}
			return modules;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A service's executable jar. The reactor builds the service modules before this one
	 * (the root POM lists them first), so a full build always has them; a build of this
	 * module alone needs them packaged first.
	 */
	static Path executableJar(String module) {
		Path target = root().resolve(module).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No executable jar of " + module + " in " + target
						+ ": package the services first (./mvnw -q -B -DskipTests package -pl " + module
						+ " -am), or run the whole build"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
