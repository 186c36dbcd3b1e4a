package dslab.reliability.idempotency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code idempotency_keys} table in plain SQL; every method is one statement. */
class IdempotencyKeyStore {

	private static final String SELECT = "SELECT fingerprint, state, lock_token, locked_at, response_status,"
			+ " response_type, response_location, response_body FROM idempotency_keys"
			+ " WHERE scope = :scope AND idempotency_key = :key";

	private final JdbcClient jdbc;

	IdempotencyKeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new key, locked by {@code token}.
	 * @return {@code false}, changing nothing, if the scope already holds the key
	 */
	boolean insertLocked(String scope, String key, String fingerprint, UUID token, Instant now, Duration ttl) {
		return this.jdbc.sql("""
				INSERT INTO idempotency_keys
				    (scope, idempotency_key, fingerprint, state, lock_token, locked_at, created_at, expires_at)
				VALUES (:scope, :key, :fingerprint, :state, :token, :now, :now, :expiresAt)
				ON CONFLICT DO NOTHING
				""")
			.param("scope", scope)
			.param("state", "IN_PROGRESS")
			.param("key", key)
			.param("fingerprint", fingerprint)
			.param("token", token)
			.param("now", utc(now))
			.param("expiresAt", utc(now.plus(ttl)))
			.update() == 1;
	}

	Optional<KeyRecord> find(String scope, String key) {
		return this.jdbc.sql(SELECT).param("scope", scope).param("key", key).query(IdempotencyKeyStore::row).optional();
	}

	/** Reads the key and locks its row until the transaction ends. */
	Optional<KeyRecord> lockRow(String scope, String key) {
		return this.jdbc.sql(SELECT + " FOR UPDATE")
			.param("scope", scope)
			.param("key", key)
			.query(IdempotencyKeyStore::row)
			.optional();
	}

	/**
	 * Moves the lock of a request in progress from {@code previous} to {@code token}.
	 * @return {@code false} if the lock is no longer {@code previous}'s
	 */
	boolean takeOver(String scope, String key, UUID previous, UUID token, Instant now) {
		return this.jdbc.sql("""
				UPDATE idempotency_keys SET lock_token = :token, locked_at = :now
				WHERE scope = :scope AND idempotency_key = :key AND state = 'IN_PROGRESS' AND lock_token = :previous
				""")
			.param("token", token)
			.param("now", utc(now))
			.param("scope", scope)
			.param("key", key)
			.param("previous", previous)
			.update() == 1;
	}

	/**
	 * Records the response of the request holding the lock and releases the lock.
	 * @return {@code false} if {@code token} no longer holds the lock
	 */
	boolean complete(String scope, String key, UUID token, StoredResponse response) {
		return this.jdbc.sql("""
				UPDATE idempotency_keys
				SET state = 'COMPLETED', lock_token = NULL, locked_at = NULL, response_status = :status,
				    response_type = :type, response_location = :location, response_body = :body
				WHERE scope = :scope AND idempotency_key = :key AND state = 'IN_PROGRESS' AND lock_token = :token
				""")
			.param("status", response.status())
			.param("type", response.contentType())
			.param("location", response.location(), Types.VARCHAR)
			.param("body", response.body())
			.param("scope", scope)
			.param("key", key)
			.param("token", token)
			.update() == 1;
	}

	/**
	 * Deletes a key still locked by {@code token}: its request failed and left nothing.
	 */
	void release(String scope, String key, UUID token) {
		this.jdbc
			.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key"
					+ " AND state = 'IN_PROGRESS' AND lock_token = :token")
			.param("scope", scope)
			.param("key", key)
			.param("token", token)
			.update();
	}

	/** Deletes this key if it expired and the sweeper has not got to it yet. */
	void deleteIfExpired(String scope, String key, Instant now) {
		this.jdbc
			.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key"
					+ " AND expires_at <= :now")
			.param("scope", scope)
			.param("key", key)
			.param("now", utc(now))
			.update();
	}

	/**
	 * @return how many expired keys were deleted
	 */
	int deleteExpired(Instant now) {
		return this.jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at <= :now").param("now", utc(now)).update();
	}

	private static KeyRecord row(ResultSet rs, int row) throws SQLException {
		OffsetDateTime lockedAt = rs.getObject("locked_at", OffsetDateTime.class);
		int status = rs.getInt("response_status");
		StoredResponse response = rs.wasNull() ? null : new StoredResponse(status, rs.getString("response_type"),
				rs.getString("response_location"), rs.getString("response_body"));
		return new KeyRecord(rs.getString("fingerprint"), "COMPLETED".equals(rs.getString("state")),
				rs.getObject("lock_token", UUID.class), (lockedAt != null) ? lockedAt.toInstant() : null, response);
	}

	/** To the microsecond the columns hold, so nothing stored is later than the clock. */
	private static OffsetDateTime utc(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
	}

	/**
	 * A stored key.
	 *
	 * @param fingerprint the fingerprint of the key's first request
	 * @param completed whether that request completed (then {@code response} is set)
	 * @param lockToken who holds the key while in progress
	 * @param lockedAt since when
	 * @param response the response to replay, once completed
	 */
	record KeyRecord(String fingerprint, boolean completed, UUID lockToken, Instant lockedAt, StoredResponse response) {

	}

}
