package dslab.orderservice.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dslab.orderservice.audit.AuditSnapshot.ConsumerCounts;
import dslab.orderservice.audit.AuditSnapshot.OrderRow;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.ordering.KeyPositions;
import dslab.reliability.outbox.Outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads the whole service state in one read-only transaction. */
@Component
class AuditSnapshots {

	private static final String SERVICE = "order-service";

	// The names under which this service's listeners record events in the inbox.
	private static final List<String> CONSUMERS = List.of("order-service");

	private final JdbcClient jdbc;

	private final Inbox inbox;

	private final Outbox outbox;

	private final KeyPositions positions;

	AuditSnapshots(JdbcClient jdbc, Inbox inbox, Outbox outbox, KeyPositions positions) {
		this.jdbc = jdbc;
		this.inbox = inbox;
		this.outbox = outbox;
		this.positions = positions;
	}

	// REPEATABLE READ: the orders, the inbox count and the outbox backlog come from one
	// moment of the database, even while the saga keeps changing it.
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	AuditSnapshot take() {
		Instant takenAt = Instant.now();
		List<OrderRow> orders = this.jdbc.sql("""
				SELECT id, customer_id, status, reason, amount, idempotency_key, created_at, updated_at
				FROM orders
				ORDER BY created_at, id
				""").query(AuditSnapshots::order).list();
		List<ConsumerCounts> consumers = CONSUMERS.stream().map(this::counts).toList();
		return new AuditSnapshot(SERVICE, takenAt, orders, consumers, this.outbox.backlog(), this.positions.counts());
	}

	private ConsumerCounts counts(String consumer) {
		Inbox.Counts counts = this.inbox.counts(consumer);
		return new ConsumerCounts(consumer, counts.processed(), counts.duplicates());
	}

	private static OrderRow order(ResultSet rs, int row) throws SQLException {
		return new OrderRow(rs.getObject("id", UUID.class), rs.getString("customer_id"), rs.getString("status"),
				rs.getString("reason"), money(rs.getBigDecimal("amount")), rs.getString("idempotency_key"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static BigDecimal money(BigDecimal amount) {
		return (amount != null) ? amount.setScale(2, RoundingMode.UNNECESSARY) : null;
	}

}
