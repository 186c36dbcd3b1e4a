package dslab.reliability.envelope;

import java.util.Map;
import java.util.Optional;

/**
 * The payload types a service knows, by the type name they carry in the envelope. A
 * service declares one bean of it from its event contracts.
 *
 * @param types payload classes by type name
 * @param schemaVersion the schema version this service writes and the newest it reads
 */
public record EventTypes(Map<String, ? extends Class<?>> types, int schemaVersion) {

	public EventTypes {
		types = Map.copyOf(types);
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
