package dslab.reliability.envelope;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events a service reads and writes, by the type name they carry in the envelope, and
 * the topics they travel on. A service declares one bean of it from its event contracts;
 * the shared mechanisms decode with it and create its topics at start.
 *
 * @param types payload classes by type name
 * @param schemaVersion the schema version this service writes and the newest it reads
 * @param topics the topics to create (each with its dead-letter topic)
 */
public record EventCatalog(Map<String, ? extends Class<?>> types, int schemaVersion, List<String> topics) {

	public EventCatalog {
		types = Map.copyOf(types);
		topics = List.copyOf(topics);
	}

	Optional<Class<?>> classOf(String type) {
		return Optional.ofNullable(this.types.get(type));
	}

	String nameOf(Object payload) {
		return this.types.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(payload.getClass()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Not a known event type: " + payload.getClass()));
	}

}
