package dslab.deployment.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fixtures in {@code src/test/resources/k8s}: {@code valid.yaml}, a cut-down render
 * that keeps every rule, and the broken variants in {@code broken/}. A rule fixture holds
 * only what it changes: each of its documents is merged into the valid document of the
 * same kind and name (objects merge, list items with the same {@code name} merge, other
 * lists and values replace, {@code null} removes) or, if there is none, added.
 */
final class Fixtures {

	static final ManifestReader READER = new ManifestReader();

	private Fixtures() {
	}

	/**
	 * What the fixtures are a render of: the gateway and order-service, all six topics.
	 */
	static Contract contract() {
		return new Contract(Set.of("gateway", "order-service"),
				Set.of("order-events", "order-events.DLT", "inventory-events", "inventory-events.DLT", "payment-events",
						"payment-events.DLT"),
				Map.of("order-service", new Contract.Consumer(Set.of("inventory-events", "payment-events"), 3)));
	}

	static String text(String fixture) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/k8s/" + fixture)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture k8s/" + fixture);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Manifests valid() {
		return READER.read(text("valid.yaml"), "valid.yaml");
	}

	/** The valid render with this fixture's documents merged in. */
	static Manifests validWith(String fixture) {
		List<JsonNode> documents = new ArrayList<>(READER.readTrees(text("valid.yaml"), "valid.yaml"));
		for (JsonNode change : READER.readTrees(text(fixture), fixture)) {
			int index = indexOf(documents, change);
			if (index < 0) {
				documents.add(change);
			}
			else {
				documents.set(index, merge(documents.get(index), change));
			}
		}
		return new Manifests(fixture, documents.stream().map((document) -> READER.read(document, fixture)).toList());
	}

	/** The repository this module belongs to. */
	static Path repository() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.isDirectory(directory.resolve("k8s"))) {
			directory = directory.getParent();
		}
		if (directory == null) {
			throw new IllegalStateException("no k8s/ above " + Path.of("").toAbsolutePath());
		}
		return directory;
	}

	private static int indexOf(List<JsonNode> documents, JsonNode change) {
		for (int i = 0; i < documents.size(); i++) {
			JsonNode document = documents.get(i);
			if (document.path("kind").equals(change.path("kind"))
					&& document.path("metadata").path("name").equals(change.path("metadata").path("name"))) {
				return i;
			}
		}
		return -1;
	}

	static JsonNode merge(JsonNode target, JsonNode change) {
		if (target.isObject() && change.isObject()) {
			ObjectNode merged = target.deepCopy();
			change.properties().forEach((field) -> {
				if (field.getValue().isNull()) {
					merged.remove(field.getKey());
				}
				else {
					JsonNode current = merged.get(field.getKey());
					merged.set(field.getKey(), (current != null) ? merge(current, field.getValue()) : field.getValue());
				}
			});
			return merged;
		}
		if (target.isArray() && change.isArray() && !change.isEmpty() && allNamed(change)) {
			ArrayNode merged = target.deepCopy();
			for (JsonNode item : change) {
				int index = indexOfName(merged, item.path("name"));
				if (index < 0) {
					merged.add(item);
				}
				else {
					merged.set(index, merge(merged.get(index), item));
				}
			}
			return merged;
		}
		return change;
	}

	private static boolean allNamed(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).allMatch((item) -> item.path("name").isTextual());
	}

	private static int indexOfName(ArrayNode array, JsonNode name) {
		for (int i = 0; i < array.size(); i++) {
			if (array.get(i).path("name").equals(name)) {
				return i;
			}
		}
		return -1;
	}

}
