package dslab.inventoryservice.stock;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dslab.inventoryservice.stock.LineOutcome.LineRefused;
import dslab.inventoryservice.stock.LineOutcome.LineReserved;
import dslab.inventoryservice.stock.OrderJoin.Line;
import dslab.inventoryservice.stock.OrderJoin.Status;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The join state of split orders, in {@code order_reservations} (one row per order) and
 * {@code order_reservation_lines} (one per SKU of it).
 */
@Repository
class OrderJoins {

	private final JdbcClient jdbc;

	OrderJoins(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(UUID orderId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM order_reservations WHERE order_id = :orderId")
			.param("orderId", orderId)
			.query(Long.class)
			.single() > 0;
	}

	void insert(OrderJoin join) {
		OffsetDateTime now = now();
		this.jdbc.sql("""
				INSERT INTO order_reservations
				    (order_id, customer_id, lines_expected, lines_answered, status, created_at, updated_at)
				VALUES (:orderId, :customerId, :expected, 0, :status, :now, :now)
				""")
			.param("orderId", join.orderId())
			.param("customerId", join.customerId())
			.param("expected", join.lines().size())
			.param("status", join.status().name())
			.param("now", now)
			.update();
		for (Line line : join.lines()) {
			this.jdbc.sql("""
					INSERT INTO order_reservation_lines (order_id, sku, quantity)
					VALUES (:orderId, :sku, :quantity)
					""")
				.param("orderId", join.orderId())
				.param("sku", line.sku())
				.param("quantity", line.quantity())
				.update();
		}
	}

	/** Reads the order's join and locks its row until the current transaction ends. */
	Optional<OrderJoin> lock(UUID orderId) {
		Optional<JoinRow> row = this.jdbc.sql("""
				SELECT customer_id, status FROM order_reservations WHERE order_id = :orderId FOR UPDATE
				""")
			.param("orderId", orderId)
			.query((rs, n) -> new JoinRow(rs.getString("customer_id"), Status.valueOf(rs.getString("status"))))
			.optional();
		return row.map((join) -> new OrderJoin(orderId, join.customerId(), join.status(), lines(orderId)));
	}

	private List<Line> lines(UUID orderId) {
		return this.jdbc.sql("""
				SELECT sku, quantity, outcome, unit_price, reason FROM order_reservation_lines
				WHERE order_id = :orderId
				ORDER BY sku
				""").param("orderId", orderId).query((rs, n) -> {
			String sku = rs.getString("sku");
			int quantity = rs.getInt("quantity");
			String outcome = rs.getString("outcome");
			LineOutcome answer = (outcome == null) ? null
					: outcome.equals("RESERVED")
							? new LineReserved(orderId, sku, quantity, rs.getBigDecimal("unit_price"))
							: new LineRefused(orderId, sku, rs.getString("reason"));
			return new Line(sku, quantity, answer);
		}).list();
	}

	/** Records a line's answer and counts it on the order's row. */
	void answer(LineOutcome answer) {
		this.jdbc.sql("""
				UPDATE order_reservation_lines SET outcome = :outcome, unit_price = :unitPrice, reason = :reason
				WHERE order_id = :orderId AND sku = :sku AND outcome IS NULL
				""")
			.param("outcome", (answer instanceof LineReserved) ? "RESERVED" : "REFUSED")
			.param("unitPrice", (answer instanceof LineReserved reserved) ? reserved.unitPrice() : null)
			.param("reason", (answer instanceof LineRefused refused) ? refused.reason() : null)
			.param("orderId", answer.orderId())
			.param("sku", answer.sku())
			.update();
		this.jdbc.sql("""
				UPDATE order_reservations SET lines_answered = lines_answered + 1, updated_at = :now
				WHERE order_id = :orderId
				""").param("now", now()).param("orderId", answer.orderId()).update();
	}

	void settle(UUID orderId, Status status) {
		this.jdbc.sql("UPDATE order_reservations SET status = :status, updated_at = :now WHERE order_id = :orderId")
			.param("status", status.name())
			.param("now", now())
			.param("orderId", orderId)
			.update();
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	private record JoinRow(String customerId, Status status) {
	}

}
