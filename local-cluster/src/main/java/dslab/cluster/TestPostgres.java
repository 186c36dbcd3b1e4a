package dslab.cluster;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The PostgreSQL server the PostgreSQL-profile tests run against, named by environment
 * variables ({@code .ci/run} starts the machine's local server and sets them):
 * <ul>
 * <li>{@code LAB_TEST_POSTGRES_URL}: a JDBC URL of a database the tests may create
 * schemas in, e.g. {@code jdbc:postgresql://localhost:5432/dslab_test};</li>
 * <li>{@code LAB_TEST_POSTGRES_USER} and {@code LAB_TEST_POSTGRES_PASSWORD}.</li>
 * </ul>
 * Each test context gets a schema of its own, so runs never see each other's rows.
 */
public final class TestPostgres {

	/** Why PostgreSQL tests are skipped when no server is named. */
	public static final String SKIP_REASON = "PostgreSQL tests skipped: set LAB_TEST_POSTGRES_URL (and _USER, _PASSWORD)"
			+ " to a database they may create schemas in; .ci/run does this with the machine's PostgreSQL.";

	private TestPostgres() {
	}

	/** Whether a server is named; prints the reason when it is not. */
	public static boolean available() {
		boolean available = url().isPresent();
		if (!available) {
			System.out.println(SKIP_REASON);
		}
		return available;
	}

	/**
	 * Spring properties that point a service at a new, empty schema of the test database.
	 * @param service a short name that prefixes the schema, e.g. {@code orders}
	 */
	public static Map<String, String> springProperties(String service) {
		String url = url().orElseThrow(() -> new IllegalStateException(SKIP_REASON));
		String schema = (service + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9_]", "_");
		String separator = url.contains("?") ? "&" : "?";
		return Map.of("spring.datasource.url", url + separator + "currentSchema=" + schema,
				"spring.datasource.username", env("LAB_TEST_POSTGRES_USER").orElse("postgres"),
				"spring.datasource.password", env("LAB_TEST_POSTGRES_PASSWORD").orElse(""), "spring.flyway.schemas",
				schema, "spring.flyway.create-schemas", "true");
	}

	private static Optional<String> url() {
		return env("LAB_TEST_POSTGRES_URL");
	}

	private static Optional<String> env(String name) {
		return Optional.ofNullable(System.getenv(name)).filter((value) -> !value.isBlank());
	}

}
