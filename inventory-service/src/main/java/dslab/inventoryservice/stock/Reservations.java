package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
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
	 * The order's reservation of the SKU, of any status, locked until the current
	 * transaction ends.
	 */
	Optional<Reservation> lock(UUID orderId, String sku) {
		return this.jdbc.sql("""
				SELECT sku, quantity, status FROM reservations
				WHERE order_id = :orderId AND sku = :sku
				FOR UPDATE
				""").param("orderId", orderId).param("sku", sku).query(Reservations::map).optional();
	}

	/** Moves the order's reservation of the SKU to its outcome. */
	void settle(UUID orderId, String sku, Status outcome) {
		this.jdbc.sql("""
				UPDATE reservations SET status = :outcome, updated_at = :now
				WHERE order_id = :orderId AND sku = :sku
				""")
			.param("outcome", outcome.name())
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.param("orderId", orderId)
			.param("sku", sku)
			.update();
	}

	private static Reservation map(ResultSet rs, int row) throws SQLException {
		return new Reservation(rs.getString("sku"), rs.getInt("quantity"), Status.valueOf(rs.getString("status")));
	}

	/** Units of one SKU held, or once held, for an order. */
	record Reservation(String sku, int quantity, Status status) {
	}

	/** A reservation is RESERVED until the payment decides: SOLD or RELEASED. */
	enum Status {

		RESERVED, SOLD, RELEASED

	}

}
