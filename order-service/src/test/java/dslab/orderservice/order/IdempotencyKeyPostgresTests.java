package dslab.orderservice.order;

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
 * The Idempotency-Key tests again, on PostgreSQL: its row locks and unique checks differ
 * from H2's.
 */
class IdempotencyKeyPostgresTests extends IdempotencyKeyTests {

	@BeforeAll
	static void requirePostgres() {
		Assumptions.assumeTrue(TestPostgres.available(), TestPostgres.SKIP_REASON);
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.springProperties("orders").forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void runsOnPostgres(@Autowired DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
		}
	}

}
