package dslab.reliability.idempotency;

import java.time.Clock;

import dslab.reliability.faults.Faults;
import dslab.reliability.migrations.SharedMigrations;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotency-key store, its table and its sweeper, in a service that sets
 * {@code lab.idempotency.enabled=true}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnProperty(name = "lab.idempotency.enabled", havingValue = "true")
@EnableConfigurationProperties(IdempotencySettings.class)
public class IdempotencyAutoConfiguration {

	static final String MIGRATIONS = "classpath:db/idempotency";

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	IdempotencyKeyStore idempotencyKeyStore(JdbcClient jdbc) {
		return new IdempotencyKeyStore(jdbc);
	}

	@Bean
	IdempotentRequests idempotentRequests(IdempotencyKeyStore store, TransactionTemplate transactions, JsonMapper json,
			IdempotencySettings settings, Faults faults, MeterRegistry meters, Clock clock) {
		return new IdempotentRequests(store, transactions, json, settings, faults, meters, clock);
	}

	@Bean
	IdempotencyKeySweeper idempotencyKeySweeper(IdempotencyKeyStore store, IdempotencySettings settings, Clock clock,
			MeterRegistry meters) {
		return new IdempotencyKeySweeper(store, settings, clock, meters);
	}

	@Bean
	FlywayConfigurationCustomizer idempotencyMigrations() {
		return SharedMigrations.at(MIGRATIONS);
	}

}
