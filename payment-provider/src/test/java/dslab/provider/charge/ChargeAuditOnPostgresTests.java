package dslab.provider.charge;

import dslab.cluster.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audit tests again on PostgreSQL, in a schema of their own. */
class ChargeAuditOnPostgresTests extends ChargeAuditTests {

	@BeforeAll
	static void requirePostgres() {
		Assumptions.assumeTrue(TestPostgres.available(), TestPostgres.SKIP_REASON);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.springProperties("provider").forEach((name, value) -> registry.add(name, () -> value));
	}

}
