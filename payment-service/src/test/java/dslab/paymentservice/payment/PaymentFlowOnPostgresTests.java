package dslab.paymentservice.payment;

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
 * The payment flow tests on PostgreSQL, in a schema of their own. Its context and the H2
 * one never consume at the same time: Spring pauses a cached context (stopping its
 * listeners) when the next test class needs another.
 */
class PaymentFlowOnPostgresTests extends PaymentFlowTests {

	@Autowired
	private DataSource dataSource;

	@BeforeAll
	static void requirePostgres() {
		Assumptions.assumeTrue(TestPostgres.available(), TestPostgres.SKIP_REASON);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.springProperties("payments").forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void runsOnPostgres() throws Exception {
		try (var connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
		}
	}

}
