package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The units each order holds of each SKU, in the {@code reservations} table. */
@Repository
class Reservations {

	private final JdbcClient jdbc;

	Reservations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean existFor(UUID orderId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM reservations WHERE order_id = :orderId")
			.param("orderId", orderId)
			.query(Long.class)
			.single() > 0;
	}

	void add(UUID orderId, String sku, int quantity, BigDecimal unitPrice) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		this.jdbc.sql("""
				INSERT INTO reservations (order_id, sku, quantity, unit_price, status, created_at, updated_at)
				VALUES (:orderId, :sku, :quantity, :unitPrice, :status, :now, :now)
				""")
			.param("orderId", orderId)
			.param("sku", sku)
			.param("quantity", quantity)
			.param("unitPrice", unitPrice)
			.param("status", Status.RESERVED.name())
			.param("now", now)
			.update();
	}

	/**
	 * The order's reservations still in status RESERVED, in SKU order, locked until the
	 * current transaction ends.
	 */
	List<Reservation> lockReserved(UUID orderId) {
		return this.jdbc.sql("""
				SELECT sku, quantity FROM reservations
				WHERE order_id = :orderId AND status = :status
				ORDER BY sku
				FOR UPDATE
				""").param("orderId", orderId).param("status", Status.RESERVED.name()).query(Reservations::map).list();
	}

	/** Moves the order's RESERVED reservations to their outcome. */
	void settle(UUID orderId, Status outcome) {
		this.jdbc.sql("""
				UPDATE reservations SET status = :outcome, updated_at = :now
				WHERE order_id = :orderId AND status = :reserved
				""")
			.param("outcome", outcome.name())
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.param("orderId", orderId)
			.param("reserved", Status.RESERVED.name())
			.update();
	}

	private static Reservation map(ResultSet rs, int row) throws SQLException {
		return new Reservation(rs.getString("sku"), rs.getInt("quantity"));
	}

	/** Units of one SKU held for an order. */
	record Reservation(String sku, int quantity) {
	}

	/** A reservation is RESERVED until the payment decides: SOLD or RELEASED. */
	enum Status {

		RESERVED, SOLD, RELEASED

	}

}
