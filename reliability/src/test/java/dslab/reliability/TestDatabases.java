package dslab.reliability;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.Driver;

import org.springframework.core.io.ClassPathResource;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Real (H2) databases with the shared migrations, for tests that build the mechanisms
 * without Spring, and the relay leases an instance of a service would hold on them.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	/** A new in-memory database with the outbox, inbox, positions and lease tables. */
	public static DataSource migrated(String name) {
		DataSource database = new SimpleDriverDataSource(new Driver(), "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new ClassPathResource("db/reliability/V0_1__outbox_and_inbox.sql"),
				new ClassPathResource("db/reliability/V0_2__inbox_redeliveries.sql"),
				new ClassPathResource("db/reliability/V0_4__sequences_positions_and_relay_lease.sql"))
			.execute(database);
		return database;
	}

	/**
	 * The lease registry of one instance (its own client id), as Spring would set it up.
	 */
	public static JdbcLockRegistry leases(DataSource database, Duration timeToLive) {
		DefaultLockRepository repository = new DefaultLockRepository(database);
		repository.setTransactionManager(new DataSourceTransactionManager(database));
		repository.afterPropertiesSet();
		repository.afterSingletonsInstantiated();
		return new JdbcLockRegistry(repository, timeToLive);
	}

}
