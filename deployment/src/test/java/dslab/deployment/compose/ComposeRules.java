package dslab.deployment.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Compose schema cannot check about a Compose file. Each rule returns its
 * violations, one readable line each, empty when the file keeps it.
 */
final class ComposeRules {

	/** The most memory all containers together may be limited to. */
	static final long STACK_MEMORY_BUDGET = 4L * 1024 * 1024 * 1024;

	private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?)b?", Pattern.CASE_INSENSITIVE);

	private ComposeRules() {
	}

	/** Every {@code depends_on} names a service of the file. */
	static List<String> dependenciesExist(ComposeFile file) {
		List<String> violations = new ArrayList<>();
		file.services().keySet().forEach((service) -> file.dependsOn(service).keySet().forEach((target) -> {
			if (!file.services().containsKey(target)) {
				violations.add(service + " depends on '" + target + "', which is not a service of the file");
			}
		}));
		return violations;
	}

	/**
	 * Every {@code depends_on} waits until its target is healthy, and the target has a
	 * healthcheck to say so.
	 */
	static List<String> dependenciesWaitUntilHealthy(ComposeFile file) {
		List<String> violations = new ArrayList<>();
		file.services().keySet().forEach((service) -> file.dependsOn(service).forEach((target, condition) -> {
			if (!"service_healthy".equals(condition)) {
				violations.add(service + " depends on " + target + " with condition " + condition
						+ " instead of service_healthy");
			}
			else if (file.services().containsKey(target) && !hasHealthcheck(file.service(target))) {
				violations
					.add(service + " waits for " + target + " to be healthy, but " + target + " has no healthcheck");
			}
		}));
		return violations;
	}

	/** Every application (service built from this repository) has a healthcheck. */
	static List<String> applicationsHaveHealthchecks(ComposeFile file) {
		return file.applications()
			.keySet()
			.stream()
			.filter((service) -> !hasHealthcheck(file.service(service)))
			.map((service) -> service + " is an application without a healthcheck")
			.toList();
	}

	/** Every container has a memory limit that docker-compose 1.29 applies. */
	static List<String> containersHaveMemoryLimits(ComposeFile file) {
		return file.services()
			.entrySet()
			.stream()
			.filter((service) -> service.getValue().get("mem_limit") == null)
			.map((service) -> service.getKey() + " has no mem_limit")
			.toList();
	}

	/** All memory limits together stay within the budget. */
	static List<String> memoryWithin(ComposeFile file, long budget) {
		long total = totalMemoryLimit(file);
		return (total <= budget) ? List.of() : List
			.of("memory limits add up to " + mebibytes(total) + " MiB, more than " + mebibytes(budget) + " MiB");
	}

	/**
	 * The sum of every container's memory limit, in bytes: a service's limit times the
	 * containers it starts ({@code scale}, 1 unless set; replicas are 0 until scaled).
	 */
	static long totalMemoryLimit(ComposeFile file) {
		return file.services()
			.values()
			.stream()
			.filter((service) -> service.get("mem_limit") != null)
			.mapToLong((service) -> bytes(service.get("mem_limit"))
					* ((service.get("scale") instanceof Number scale) ? scale.longValue() : 1))
			.sum();
	}

	/** No host port (address, port and protocol) is published twice. */
	static List<String> hostPortsUnique(ComposeFile file) {
		List<String> violations = new ArrayList<>();
		Map<String, String> owners = new HashMap<>();
		file.services().forEach((service, definition) -> {
			for (String hostPort : hostPorts(definition)) {
				String owner = owners.putIfAbsent(hostPort, service);
				if (owner != null) {
					violations.add("host port " + hostPort + " is published by both " + owner + " and " + service);
				}
			}
		});
		return violations;
	}

	/**
	 * Every image is pinned: a tag other than {@code latest}, or a digest. A service
	 * without an image must be built.
	 */
	static List<String> imagesPinned(ComposeFile file) {
		List<String> violations = new ArrayList<>();
		file.services().forEach((service, definition) -> {
			Object image = definition.get("image");
			if (image == null) {
				if (definition.get("build") == null) {
					violations.add(service + " has neither an image nor a build");
				}
				return;
			}
			String reference = image.toString();
			if (reference.contains("@sha256:")) {
				return;
			}
			String name = reference.substring(reference.lastIndexOf('/') + 1);
			int colon = name.indexOf(':');
			if (colon < 0) {
				violations.add(service + " uses image " + reference + " without a tag");
			}
			else if (name.substring(colon + 1).equals("latest")) {
				violations.add(service + " uses image " + reference + ", whose tag 'latest' moves");
			}
		});
		return violations;
	}

	/** The host ports a service publishes, as {@code address:port/protocol}. */
	static List<String> hostPorts(Map<String, Object> service) {
		List<String> ports = new ArrayList<>();
		if (!(service.get("ports") instanceof List<?> list)) {
			return ports;
		}
		for (Object entry : list) {
			if (entry instanceof Map<?, ?> longForm) {
				if (longForm.get("published") != null) {
					String protocol = (longForm.get("protocol") != null) ? longForm.get("protocol").toString() : "tcp";
					String address = (longForm.get("host_ip") != null) ? longForm.get("host_ip").toString() : "0.0.0.0";
					expand(address, longForm.get("published").toString(), protocol, ports);
				}
				continue;
			}
			String shortForm = entry.toString();
			String protocol = "tcp";
			int slash = shortForm.indexOf('/');
			if (slash >= 0) {
				protocol = shortForm.substring(slash + 1);
				shortForm = shortForm.substring(0, slash);
			}
			int lastColon = shortForm.lastIndexOf(':');
			if (lastColon < 0) {
				continue; // container port only: the host port is random
			}
			String published = shortForm.substring(0, lastColon);
			String address = "0.0.0.0";
			int addressColon = published.lastIndexOf(':');
			if (addressColon >= 0) {
				address = published.substring(0, addressColon);
				published = published.substring(addressColon + 1);
			}
			if (!published.isEmpty()) {
				expand(address, published, protocol, ports);
			}
		}
		return ports;
	}

	private static void expand(String address, String published, String protocol, List<String> ports) {
		String[] range = published.split("-", 2);
		int first = Integer.parseInt(range[0].trim());
		int last = (range.length > 1) ? Integer.parseInt(range[1].trim()) : first;
		for (int port = first; port <= last; port++) {
			ports.add(address + ":" + port + "/" + protocol.toLowerCase(Locale.ROOT));
		}
	}

	private static boolean hasHealthcheck(Map<String, Object> service) {
		Map<String, Object> healthcheck = ComposeFile.mapping(service.get("healthcheck"));
		return healthcheck.get("test") != null && !Boolean.TRUE.equals(healthcheck.get("disable"));
	}

	/**
	 * A Compose memory size ({@code 384m}, {@code 1g}, {@code 512mb}, bytes) in bytes.
	 */
	static long bytes(Object size) {
		if (size instanceof Number number) {
			return number.longValue();
		}
		Matcher matcher = MEMORY.matcher(size.toString().trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a memory size: " + size);
		}
		double value = Double.parseDouble(matcher.group(1));
		long unit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
			case "k" -> 1024L;
			case "m" -> 1024L * 1024;
			case "g" -> 1024L * 1024 * 1024;
			default -> 1L;
		};
		return (long) (value * unit);
	}

	static long mebibytes(long bytes) {
		return bytes / (1024 * 1024);
	}

}
