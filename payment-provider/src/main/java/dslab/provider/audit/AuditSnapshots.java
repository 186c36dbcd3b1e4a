package dslab.provider.audit;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.provider.audit.AuditSnapshot.ChargeRow;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads the whole ledger in one read-only transaction. */
@Component
class AuditSnapshots {

	private static final String SERVICE = "payment-provider";

	private final JdbcClient jdbc;

	AuditSnapshots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// One query reads one moment anyway; REPEATABLE READ keeps it so should the snapshot
	// read more tables, as the other services' snapshots do.
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	AuditSnapshot take() {
		Instant takenAt = Instant.now();
		List<ChargeRow> charges = this.jdbc.sql("""
				SELECT idempotency_key, charge_id, order_id, customer_id, amount, status, reason
				FROM charges
				ORDER BY created_at, idempotency_key
				""")
			.query((rs, row) -> new ChargeRow(rs.getString("idempotency_key"), rs.getString("charge_id"),
					rs.getObject("order_id", UUID.class), rs.getString("customer_id"),
					rs.getBigDecimal("amount").setScale(2, RoundingMode.UNNECESSARY), rs.getString("status"),
					rs.getString("reason")))
			.list();
		return new AuditSnapshot(SERVICE, takenAt, charges);
	}

}
