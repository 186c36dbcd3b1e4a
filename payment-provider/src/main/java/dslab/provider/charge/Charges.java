package dslab.provider.charge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code charges} table: every answer the provider gave, by idempotency key. */
@Repository
class Charges {

	private static final int LEDGER_LIMIT = 1000;

	private static final String COLUMNS = """
			idempotency_key, charge_id, order_id, customer_id, amount, currency, status, reason, created_at,
			request_fingerprint""";

	private final JdbcClient jdbc;

	Charges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the charge unless its idempotency key is taken.
	 * @return {@code false} if another request with that key was stored first
	 */
	boolean insertIfAbsent(Charge charge) {
		return this.jdbc.sql("INSERT INTO charges (" + COLUMNS + """
				) VALUES (:idempotencyKey, :chargeId, :orderId, :customerId, :amount, :currency, :status, :reason,
				:createdAt, :requestFingerprint)
				ON CONFLICT DO NOTHING
				""")
			.param("idempotencyKey", charge.idempotencyKey())
			.param("chargeId", charge.chargeId())
			.param("orderId", charge.orderId())
			.param("customerId", charge.customerId())
			.param("amount", charge.amount())
			.param("currency", charge.currency())
			.param("status", charge.status().name())
			.param("reason", charge.reason())
			.param("createdAt", charge.createdAt())
			.param("requestFingerprint", charge.requestFingerprint())
			.update() == 1;
	}

	Optional<Charge> find(String idempotencyKey) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM charges WHERE idempotency_key = :key")
			.param("key", idempotencyKey)
			.query(Charges::charge)
			.optional();
	}

	/** The newest charges first, at most a thousand. */
	List<Charge> ledger() {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM charges ORDER BY created_at DESC, charge_id LIMIT " + LEDGER_LIMIT)
			.query(Charges::charge)
			.list();
	}

	List<Charge> ofOrder(UUID orderId) {
		return this.jdbc.sql("SELECT " + COLUMNS
				+ " FROM charges WHERE order_id = :orderId ORDER BY created_at DESC, charge_id LIMIT " + LEDGER_LIMIT)
			.param("orderId", orderId)
			.query(Charges::charge)
			.list();
	}

	private static Charge charge(ResultSet rs, int row) throws SQLException {
		return new Charge(rs.getString("idempotency_key"), rs.getString("charge_id"),
				rs.getObject("order_id", UUID.class), rs.getString("customer_id"), rs.getBigDecimal("amount"),
				rs.getString("currency"), ChargeStatus.valueOf(rs.getString("status")), rs.getString("reason"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getString("request_fingerprint"));
	}

}
