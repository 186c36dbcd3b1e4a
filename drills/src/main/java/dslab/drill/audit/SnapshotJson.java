package dslab.drill.audit;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit documents; fields a service adds later are ignored, so the auditor
 * keeps working while the endpoints grow.
 */
final class SnapshotJson {

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private SnapshotJson() {
	}

	static <T extends ServiceSnapshot> T read(String document, Class<T> type) {
		return json.readValue(document, type);
	}

}
