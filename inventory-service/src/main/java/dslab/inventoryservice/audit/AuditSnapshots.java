package dslab.inventoryservice.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.inventoryservice.audit.AuditSnapshot.ConsumerCounts;
import dslab.inventoryservice.audit.AuditSnapshot.ReservationRow;
import dslab.inventoryservice.audit.AuditSnapshot.StockRow;
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

	private static final String SERVICE = "inventory-service";

	// The names under which this service's listeners record events in the inbox.
	private static final List<String> CONSUMERS = List.of("inventory-service", "inventory-stock", "inventory-joiner");

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

	// REPEATABLE READ: stock, reservations, the inbox count and the outbox backlog come
	// from one moment of the database, even while the saga keeps changing it.
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	AuditSnapshot take() {
		Instant takenAt = Instant.now();
		List<StockRow> stock = this.jdbc.sql("""
				SELECT sku, initial_quantity, restocked, available, reserved, sold
				FROM stock_items
				ORDER BY sku
				""")
			.query((rs, row) -> new StockRow(rs.getString("sku"), rs.getInt("initial_quantity"), rs.getInt("restocked"),
					rs.getInt("available"), rs.getInt("reserved"), rs.getInt("sold")))
			.list();
		List<ReservationRow> reservations = this.jdbc.sql("""
				SELECT order_id, sku, quantity, status
				FROM reservations
				ORDER BY order_id, sku
				""")
			.query((rs, row) -> new ReservationRow(rs.getObject("order_id", UUID.class), rs.getString("sku"),
					rs.getInt("quantity"), rs.getString("status")))
			.list();
		List<ConsumerCounts> consumers = CONSUMERS.stream().map(this::counts).toList();
		return new AuditSnapshot(SERVICE, takenAt, stock, reservations, consumers, this.outbox.backlog(),
				this.positions.counts());
	}

	private ConsumerCounts counts(String consumer) {
		Inbox.Counts counts = this.inbox.counts(consumer);
		return new ConsumerCounts(consumer, counts.processed(), counts.duplicates());
	}

}
