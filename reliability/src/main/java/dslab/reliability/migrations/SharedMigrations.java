package dslab.reliability.migrations;

import java.util.stream.Stream;

import org.flywaydb.core.api.Location;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;

/**
 * Adds a shared mechanism's tables to the Flyway migrations of the service that uses it.
 */
public final class SharedMigrations {

	private SharedMigrations() {
	}

	/**
	 * A customizer that adds {@code location} to the service's migration locations.
	 * Shared migrations and a service's own are separate sequences, so one added to the
	 * shared ones later must apply to a database whose own migrations are further along:
	 * out of order.
	 * @param location e.g. {@code classpath:db/reliability}
	 */
	public static FlywayConfigurationCustomizer at(String location) {
		return (configuration) -> configuration.outOfOrder(true)
			.locations(Stream.concat(Stream.of(configuration.getLocations()), Stream.of(new Location(location)))
				.toArray(Location[]::new));
	}

}
