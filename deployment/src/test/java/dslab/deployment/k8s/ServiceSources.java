package dslab.deployment.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dslab.contracts.SagaEvent;

/**
 * Reads the {@link Contract} from the repository's own sources, so that the manifests are
 * checked against the code as it is: a new listener or topic shows up here without anyone
 * editing a list.
 */
final class ServiceSources {

	private static final Pattern LISTENER = Pattern.compile("@KafkaListener\\s*\\(([^)]*)\\)");

	private static final Pattern TOPICS = Pattern.compile("\\btopics\\s*=\\s*(\\{[^}]*}|[^,]+)");

	private static final Pattern CONSTANT = Pattern.compile("(\\w+)\\.(\\w+)");

	private static final Pattern LITERAL = Pattern.compile("\"([^\"]+)\"");

	private ServiceSources() {
	}

	static Contract contract(Path repository) throws IOException {
		Set<String> services = new TreeSet<>();
		Map<String, Contract.Consumer> consumers = new TreeMap<>();
		try (Stream<Path> modules = Files.list(repository)) {
			for (Path module : modules.filter((path) -> Files.isDirectory(path.resolve("src/main/java"))).toList()) {
				List<String> sources = sources(module.resolve("src/main/java"));
				if (sources.stream().noneMatch((source) -> source.contains("@SpringBootApplication"))) {
					continue;
				}
				String service = module.getFileName().toString();
				services.add(service);
				Set<String> topics = new TreeSet<>();
				for (String source : sources) {
					topics.addAll(listenedTopics(source));
				}
				if (!topics.isEmpty()) {
					consumers.put(service, new Contract.Consumer(topics, listenerConcurrency(module)));
				}
			}
		}
		Set<String> topics = new TreeSet<>();
		for (String topic : SagaEvent.TOPICS) {
			topics.add(topic);
			topics.add(topic + Contract.DEAD_LETTER_SUFFIX);
		}
		return new Contract(services, topics, consumers);
	}

	/**
	 * The topics the {@code @KafkaListener}s of one source file read. A listener this
	 * cannot read (a topic pattern, an expression) is an error, not an empty set: the
	 * autoscaling rule depends on it.
	 */
	static Set<String> listenedTopics(String source) {
		Set<String> topics = new LinkedHashSet<>();
		Matcher listener = LISTENER.matcher(source);
		while (listener.find()) {
			Matcher declared = TOPICS.matcher(listener.group(1));
			if (!declared.find()) {
				throw new IllegalStateException(
						"cannot tell which topics this listener reads (no topics = ...): " + listener.group());
			}
			for (String item : declared.group(1).replaceAll("[{}]", "").split(",")) {
				topics.add(topic(item.strip(), source, listener.group()));
			}
		}
		return topics;
	}

	private static String topic(String item, String source, String listener) {
		Matcher literal = LITERAL.matcher(item);
		if (literal.matches()) {
			return literal.group(1);
		}
		Matcher constant = CONSTANT.matcher(item);
		Matcher imported = constant.matches()
				? Pattern.compile("import\\s+([\\w.]+\\." + constant.group(1) + ")\\s*;").matcher(source) : null;
		if (imported == null || !imported.find()) {
			throw new IllegalStateException("cannot resolve topic " + item + " in " + listener);
		}
		try {
			return (String) Class.forName(imported.group(1)).getField(constant.group(2)).get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("cannot resolve topic " + item + " in " + listener, ex);
		}
	}

	private static int listenerConcurrency(Path module) throws IOException {
		Path file = module.resolve("src/main/resources/application.properties");
		Properties properties = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				properties.load(reader);
			}
		}
		return Integer.parseInt(properties.getProperty("spring.kafka.listener.concurrency", "1").strip());
	}

	private static List<String> sources(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(".java")).map(ServiceSources::read).toList();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + file, ex);
		}
	}

}
