package dslab.orderservice.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dslab.contracts.OrderLine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders, their lines and their timelines in plain SQL. */
@Repository
class OrderRepository {

	private static final String SELECT_ORDER = "SELECT id, customer_id, status, reason, amount, created_at, updated_at"
			+ " FROM orders";

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a new order with its lines and the idempotency key it was placed with. */
	void insert(Order order, String idempotencyKey) {
		OffsetDateTime now = now();
		this.jdbc.sql("""
				INSERT INTO orders (id, customer_id, status, reason, amount, idempotency_key, created_at, updated_at)
				VALUES (:id, :customerId, :status, :reason, :amount, :idempotencyKey, :now, :now)
				""")
			.param("id", order.id().value())
			.param("customerId", order.customerId())
			.param("status", order.status().name())
			.param("reason", order.reason(), Types.VARCHAR)
			.param("amount", order.amount(), Types.NUMERIC)
			.param("idempotencyKey", idempotencyKey, Types.VARCHAR)
			.param("now", now)
			.update();
		for (OrderLine line : order.lines()) {
			this.jdbc.sql("INSERT INTO order_lines (order_id, sku, quantity) VALUES (:orderId, :sku, :quantity)")
				.param("orderId", order.id().value())
				.param("sku", line.sku())
				.param("quantity", line.quantity())
				.update();
		}
	}

	/**
	 * Loads an order and locks its row until the transaction ends, so events of one order
	 * arriving on both topics at once are applied one after the other.
	 */
	Optional<Order> lock(OrderId id) {
		return this.jdbc.sql(SELECT_ORDER + " WHERE id = :id FOR UPDATE")
			.param("id", id.value())
			.query(OrderRepository::row)
			.optional()
			.map(this::order);
	}

	void update(Order order) {
		this.jdbc
			.sql("UPDATE orders SET status = :status, reason = :reason, amount = :amount, updated_at = :now"
					+ " WHERE id = :id")
			.param("status", order.status().name())
			.param("reason", order.reason(), Types.VARCHAR)
			.param("amount", order.amount(), Types.NUMERIC)
			.param("now", now())
			.param("id", order.id().value())
			.update();
	}

	void appendToTimeline(OrderId id, TimelineEntry entry) {
		this.jdbc.sql("""
				INSERT INTO order_timeline (order_id, event_id, type, occurred_at, producer, detail)
				VALUES (:orderId, :eventId, :type, :occurredAt, :producer, :detail)
				""")
			.param("orderId", id.value())
			.param("eventId", entry.eventId())
			.param("type", entry.type())
			.param("occurredAt", entry.occurredAt().atOffset(ZoneOffset.UTC))
			.param("producer", entry.producer())
			.param("detail", entry.detail(), Types.VARCHAR)
			.update();
	}

	Optional<OrderDetails> findDetails(OrderId id) {
		return this.jdbc.sql(SELECT_ORDER + " WHERE id = :id")
			.param("id", id.value())
			.query(OrderRepository::row)
			.optional()
			.map((row) -> new OrderDetails(row.id().value(), row.customerId(), row.status(), row.reason(),
					lines(row.id()), row.amount(), row.createdAt(), row.updatedAt(), timeline(row.id())));
	}

	/** A customer's orders, newest first. */
	List<OrderSummary> findByCustomer(String customerId, int limit) {
		return this.jdbc.sql("""
				SELECT id, status, amount, created_at FROM orders
				WHERE customer_id = :customerId
				ORDER BY created_at DESC
				LIMIT :limit
				""")
			.param("customerId", customerId)
			.param("limit", limit)
			.query((rs, row) -> new OrderSummary(rs.getObject("id", UUID.class),
					OrderStatus.valueOf(rs.getString("status")), rs.getBigDecimal("amount"), instant(rs, "created_at")))
			.list();
	}

	private Order order(OrderRow row) {
		return Order.restore(row.id(), row.customerId(), lines(row.id()), row.status(), row.reason(), row.amount());
	}

	private List<OrderLine> lines(OrderId id) {
		return this.jdbc.sql("SELECT sku, quantity FROM order_lines WHERE order_id = :orderId ORDER BY sku")
			.param("orderId", id.value())
			.query((rs, row) -> new OrderLine(rs.getString("sku"), rs.getInt("quantity")))
			.list();
	}

	private List<TimelineEntry> timeline(OrderId id) {
		return this.jdbc.sql("""
				SELECT event_id, type, occurred_at, producer, detail FROM order_timeline
				WHERE order_id = :orderId
				ORDER BY occurred_at
				""")
			.param("orderId", id.value())
			.query((rs, row) -> new TimelineEntry(rs.getObject("event_id", UUID.class), rs.getString("type"),
					instant(rs, "occurred_at"), rs.getString("producer"), rs.getString("detail")))
			.list();
	}

	private static OrderRow row(ResultSet rs, int row) throws SQLException {
		return new OrderRow(new OrderId(rs.getObject("id", UUID.class)), rs.getString("customer_id"),
				OrderStatus.valueOf(rs.getString("status")), rs.getString("reason"), rs.getBigDecimal("amount"),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	private record OrderRow(OrderId id, String customerId, OrderStatus status, String reason, BigDecimal amount,
			Instant createdAt, Instant updatedAt) {
	}

}
