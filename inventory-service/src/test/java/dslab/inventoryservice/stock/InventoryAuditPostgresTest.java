package dslab.inventoryservice.stock;

import dslab.cluster.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit tests again on PostgreSQL, where the snapshot's REPEATABLE READ is a true
 * snapshot.
 */
class InventoryAuditPostgresTest extends InventoryAuditTest {

	@BeforeAll
	static void requirePostgres() {
		Assumptions.assumeTrue(TestPostgres.available(), TestPostgres.SKIP_REASON);
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.springProperties("inventory").forEach((name, value) -> registry.add(name, () -> value));
	}

}
