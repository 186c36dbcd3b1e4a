package dslab.paymentservice.audit;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.paymentservice.audit.AuditSnapshot.ConsumerCounts;
import dslab.paymentservice.audit.AuditSnapshot.PaymentRow;
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

	private static final String SERVICE = "payment-service";

	// The names under which this service's listeners record events in the inbox.
	private static final List<String> CONSUMERS = List.of("payment-service");

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

	// REPEATABLE READ: the payments, the inbox count and the outbox backlog come from one
	// moment of the database, even while the saga keeps changing it.
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	AuditSnapshot take() {
		Instant takenAt = Instant.now();
		List<PaymentRow> payments = this.jdbc.sql("""
				SELECT payment_id, order_id, customer_id, amount, status, charge_id, reason
				FROM payments
				ORDER BY created_at, payment_id
				""")
			.query((rs, row) -> new PaymentRow(rs.getObject("payment_id", UUID.class),
					rs.getObject("order_id", UUID.class), rs.getString("customer_id"),
					rs.getBigDecimal("amount").setScale(2, RoundingMode.UNNECESSARY), rs.getString("status"),
					rs.getString("charge_id"), rs.getString("reason")))
			.list();
		List<ConsumerCounts> consumers = CONSUMERS.stream().map(this::counts).toList();
		return new AuditSnapshot(SERVICE, takenAt, payments, consumers, this.outbox.backlog(), this.positions.counts());
	}

	private ConsumerCounts counts(String consumer) {
		Inbox.Counts counts = this.inbox.counts(consumer);
		return new ConsumerCounts(consumer, counts.processed(), counts.duplicates());
	}

}
