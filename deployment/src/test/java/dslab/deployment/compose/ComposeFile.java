package dslab.deployment.compose;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Compose file as docker-compose reads it: YAML 1.1 with anchors, aliases and merge
 * keys resolved (PyYAML there, SnakeYAML here, same YAML version). An application is a
 * service built from this repository ({@code build} with a {@code MODULE} argument).
 */
final class ComposeFile {

	private final Path path;

	private final Map<String, Object> document;

	private ComposeFile(Path path, Map<String, Object> document) {
		this.path = path;
		this.document = document;
	}

	static ComposeFile load(Path path) {
		try (Reader reader = Files.newBufferedReader(path)) {
			LoaderOptions options = new LoaderOptions();
			// A key given twice is a mistake (the second silently wins); merge keys still
			// override.
			options.setAllowDuplicateKeys(false);
			Object document = new Yaml(new SafeConstructor(options)).load(reader);
			if (!(document instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException(path + " is not a YAML mapping");
			}
			return new ComposeFile(path, stringKeys(map));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path path() {
		return this.path;
	}

	Map<String, Object> document() {
		return this.document;
	}

	/** The services by name, in file order. */
	Map<String, Map<String, Object>> services() {
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		mapping(this.document.get("services")).forEach((name, service) -> services.put(name, mapping(service)));
		return services;
	}

	Map<String, Object> service(String name) {
		return services().getOrDefault(name, Map.of());
	}

	/**
	 * The module of this repository an application is built from, empty for the others.
	 */
	Optional<String> module(String service) {
		Object build = service(service).get("build");
		if (build instanceof Map<?, ?> map && map.get("args") instanceof Map<?, ?> args && args.get("MODULE") != null) {
			return Optional.of(args.get("MODULE").toString());
		}
		return Optional.empty();
	}

	/** The applications by service name, each with its module. */
	Map<String, String> applications() {
		Map<String, String> applications = new LinkedHashMap<>();
		services().keySet().forEach((name) -> module(name).ifPresent((module) -> applications.put(name, module)));
		return applications;
	}

	/** A service's environment, from either Compose form (mapping or list). */
	Map<String, String> environment(String service) {
		Object environment = service(service).get("environment");
		Map<String, String> variables = new TreeMap<>();
		if (environment instanceof Map<?, ?> map) {
			map.forEach((name, value) -> variables.put(name.toString(), (value != null) ? value.toString() : ""));
		}
		else if (environment instanceof List<?> list) {
			for (Object entry : list) {
				String[] parts = entry.toString().split("=", 2);
				variables.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		return variables;
	}

	/**
	 * The services a service depends on, with their condition (null in the list form).
	 */
	Map<String, String> dependsOn(String service) {
		Object dependsOn = service(service).get("depends_on");
		Map<String, String> targets = new LinkedHashMap<>();
		if (dependsOn instanceof List<?> list) {
			list.forEach((target) -> targets.put(target.toString(), null));
		}
		else if (dependsOn instanceof Map<?, ?> map) {
			map.forEach((target, spec) -> targets.put(target.toString(),
					(spec instanceof Map<?, ?> specMap && specMap.get("condition") != null)
							? specMap.get("condition").toString() : null));
		}
		return targets;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> mapping(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static Map<String, Object> stringKeys(Map<?, ?> map) {
		Map<String, Object> result = new LinkedHashMap<>();
		map.forEach((key, value) -> result.put(String.valueOf(key), value));
		return result;
	}

}
