package dslab.inventoryservice.stock;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dslab.cluster.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow tests again on PostgreSQL, whose row locks and constraints are the ones
 * production relies on. While these run, Spring pauses the cached H2 context, so only
 * this context consumes as {@code inventory-service}.
 */
class InventoryFlowPostgresTest extends InventoryFlowTest {

	@Autowired
	DataSource dataSource;

	@BeforeAll
	static void requirePostgres() {
		Assumptions.assumeTrue(TestPostgres.available(), TestPostgres.SKIP_REASON);
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.springProperties("inventory").forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void runsOnPostgres() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
		}
	}

}
