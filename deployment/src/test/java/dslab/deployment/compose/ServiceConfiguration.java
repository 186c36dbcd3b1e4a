package dslab.deployment.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The configuration one packaged service really reads, established from its executable
 * jar (the jar the Dockerfile puts in the image), so that an environment variable given
 * to its container can be checked against it.
 * <p>
 * A variable is read when one of these holds:
 * <ul>
 * <li>Spring Boot's relaxed binding, run by Spring Boot itself (a
 * {@code systemEnvironment} property source), maps it to a property of the service:
 * <ul>
 * <li>a property in the configuration metadata
 * ({@code META-INF/spring-configuration-metadata.json}) of a library in the jar: Spring
 * Boot's modules, Spring Kafka, Spring Cloud Gateway, ...; properties whose deprecation
 * level is {@code error} are no longer bound and do not count;</li>
 * <li>a component of a {@code @ConfigurationProperties} record of this project's own code
 * in the jar (the service's classes and this repository's modules in
 * {@code BOOT-INF/lib}), read from the class files with ASM, nested records followed.
 * Read from the classes rather than from metadata because the configuration processor
 * does not run on JDK 23+ without {@code -proc:full}, so metadata for {@code lab.*} would
 * silently be missing;</li>
 * <li>a property named in a placeholder of the service's {@code application*.properties}
 * (for example {@code lab.data-dir});</li>
 * </ul>
 * for a property of type map, list, set or array every variable below it counts
 * ({@code LOGGING_LEVEL_ORG_APACHE_KAFKA});</li>
 * <li>its exact name is a placeholder in the service's {@code application*.properties}
 * ({@code DB_URL} in {@code ${DB_URL:...}});</li>
 * <li>the JVM itself reads it ({@link #JVM_VARIABLES}).</li>
 * </ul>
 * Keys merely present in a properties file do not count: a key nobody binds is the stale
 * configuration this check exists to catch.
 */
final class ServiceConfiguration {

	/** Variables the JVM or its launcher reads, not Spring. */
	static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "TZ",
			"LANG", "LC_ALL");

	private static final String CONFIGURATION_PROPERTIES = "Lorg/springframework/boot/context/properties/ConfigurationProperties;";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

	private static final Pattern PROPERTIES_FILE = Pattern
		.compile("BOOT-INF/classes/application(-[^/]+)?\\.(properties|ya?ml)");

	private final Set<String> properties;

	private final Set<String> containers;

	private final Set<String> placeholders;

	private ServiceConfiguration(Set<String> properties, Set<String> containers, Set<String> placeholders) {
		this.properties = properties;
		this.containers = containers;
		this.placeholders = placeholders;
	}

	/**
	 * Reads an executable jar.
	 * @param jar the service's {@code -exec} jar
	 * @param projectModules the modules of this repository, whose jars inside are scanned
	 * for {@code @ConfigurationProperties} records
	 */
	static ServiceConfiguration read(Path jar, Set<String> projectModules) {
		Set<String> properties = new TreeSet<>();
		Set<String> containers = new TreeSet<>();
		Set<String> placeholders = new TreeSet<>();
		Map<String, ClassInfo> classes = new HashMap<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			Enumeration<JarEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				String name = entry.getName();
				if (PROPERTIES_FILE.matcher(name).matches()) {
					Matcher matcher = PLACEHOLDER.matcher(readString(file.getInputStream(entry)));
					while (matcher.find()) {
						placeholders.add(matcher.group(1).trim());
					}
				}
				else if (name.startsWith("BOOT-INF/classes/") && name.endsWith(".class")) {
					scan(file.getInputStream(entry), classes);
				}
				else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
					String library = name.substring("BOOT-INF/lib/".length());
					boolean ours = projectModules.stream().anyMatch((module) -> library.startsWith(module + "-"));
					readLibrary(file.getInputStream(entry), ours, properties, containers, classes);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		classes.values()
			.stream()
			.filter((info) -> info.prefix != null)
			.forEach((info) -> expand(info.prefix, info, classes, properties, containers));
		placeholders.stream().filter(ConfigurationPropertyName::isValid).forEach(properties::add);
		return new ServiceConfiguration(properties, containers, placeholders);
	}

	/** The variables of this environment that the service does not read. */
	List<String> unread(Map<String, String> environment) {
		List<String> unread = new ArrayList<>();
		environment.forEach((name, value) -> {
			if (!reads(name, value)) {
				unread.add(name);
			}
		});
		return unread;
	}

	boolean reads(String variable, String value) {
		if (JVM_VARIABLES.contains(variable) || this.placeholders.contains(variable)) {
			return true;
		}
		ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, value)));
		for (String property : this.properties) {
			ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
			if (name != null && source.getConfigurationProperty(name) != null) {
				return true;
			}
		}
		for (String container : this.containers) {
			ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(container);
			if (name != null && (source.getConfigurationProperty(name) != null
					|| source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT)) {
				return true;
			}
		}
		return false;
	}

	/** Every property the service binds, maps and lists included. */
	Set<String> properties() {
		Set<String> all = new TreeSet<>(this.properties);
		all.addAll(this.containers);
		return all;
	}

	private static void readLibrary(InputStream in, boolean ours, Set<String> properties, Set<String> containers,
			Map<String, ClassInfo> classes) throws IOException {
		try (JarInputStream library = new JarInputStream(in)) {
			JarEntry entry;
			while ((entry = library.getNextJarEntry()) != null) {
				String name = entry.getName();
				if (name.equals("META-INF/spring-configuration-metadata.json")
						|| name.equals("META-INF/additional-spring-configuration-metadata.json")) {
					readMetadata(library, properties, containers);
				}
				else if (ours && name.endsWith(".class")) {
					scan(library, classes);
				}
			}
		}
	}

	private static void readMetadata(InputStream in, Set<String> properties, Set<String> containers) {
		JsonNode metadata = JSON.readTree(readString(in));
		for (JsonNode property : metadata.path("properties")) {
			if ("error".equals(property.path("deprecation").path("level").asString(""))) {
				continue;
			}
			String name = property.path("name").asString();
			String type = property.path("type").asString("");
			(isContainer(type) ? containers : properties).add(name);
		}
	}

	private static boolean isContainer(String type) {
		return type.startsWith("java.util.Map") || type.startsWith("java.util.List") || type.startsWith("java.util.Set")
				|| type.startsWith("java.util.Collection") || type.endsWith("[]");
	}

	private static void expand(String prefix, ClassInfo type, Map<String, ClassInfo> classes, Set<String> properties,
			Set<String> containers) {
		if (!type.record) {
			throw new IllegalStateException(type.name + " is a @ConfigurationProperties class but not a record; "
					+ "teach ServiceConfiguration to read JavaBean properties before using one");
		}
		type.components.forEach((component, descriptor) -> {
			String property = prefix + "." + dashed(component);
			if (descriptor.startsWith("[") || descriptor.equals("Ljava/util/Map;")
					|| descriptor.equals("Ljava/util/List;") || descriptor.equals("Ljava/util/Set;")
					|| descriptor.equals("Ljava/util/Collection;")) {
				containers.add(property);
			}
			else if (descriptor.startsWith("L") && classes.containsKey(descriptor.substring(1, descriptor.length() - 1))
					&& classes.get(descriptor.substring(1, descriptor.length() - 1)).record) {
				expand(property, classes.get(descriptor.substring(1, descriptor.length() - 1)), classes, properties,
						containers);
			}
			else {
				properties.add(property);
			}
		});
	}

	/**
	 * {@code replicationFactor} to {@code replication-factor}, as Spring Boot names it.
	 */
	static String dashed(String camelCase) {
		StringBuilder dashed = new StringBuilder();
		for (char c : camelCase.toCharArray()) {
			if (Character.isUpperCase(c) && !dashed.isEmpty()) {
				dashed.append('-');
			}
			dashed.append(Character.toLowerCase(c));
		}
		return dashed.toString();
	}

	private static void scan(InputStream in, Map<String, ClassInfo> classes) throws IOException {
		ClassInfo info = new ClassInfo();
		new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {

			@Override
			public void visit(int version, int access, String name, String signature, String superName,
					String[] interfaces) {
				info.name = name;
				info.record = "java/lang/Record".equals(superName);
			}

			@Override
			public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
				if (!CONFIGURATION_PROPERTIES.equals(descriptor)) {
					return null;
				}
				info.prefix = "";
				return new AnnotationVisitor(Opcodes.ASM9) {

					@Override
					public void visit(String name, Object value) {
						if (("value".equals(name) || "prefix".equals(name)) && !value.toString().isEmpty()) {
							info.prefix = value.toString();
						}
					}

				};
			}

			@Override
			public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
				info.components.put(name, descriptor);
				return null;
			}

		}, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
		classes.put(info.name, info);
	}

	private static String readString(InputStream in) {
		try {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the scan keeps of a class. */
	private static final class ClassInfo {

		String name;

		boolean record;

		String prefix;

		final Map<String, String> components = new LinkedHashMap<>();

	}

}
