package dslab.paymentservice.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payments} table: at most one payment per order. */
@Repository
class Payments {

	private final JdbcClient jdbc;

	Payments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean existsFor(UUID orderId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM payments WHERE order_id = :orderId")
			.param("orderId", orderId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Stores the payment unless its order has one already.
	 * @return {@code false} if the order already had a payment
	 */
	boolean insertIfAbsent(Payment payment) {
		return this.jdbc.sql("""
				INSERT INTO payments (payment_id, order_id, customer_id, amount, status, charge_id, reason, created_at)
				VALUES (:paymentId, :orderId, :customerId, :amount, :status, :chargeId, :reason, :createdAt)
				ON CONFLICT DO NOTHING
				""")
			.param("paymentId", payment.paymentId())
			.param("orderId", payment.orderId())
			.param("customerId", payment.customerId())
			.param("amount", payment.amount())
			.param("status", payment.status().name())
			.param("chargeId", payment.chargeId())
			.param("reason", payment.reason())
			.param("createdAt", payment.createdAt())
			.update() == 1;
	}

	List<Payment> ofOrder(UUID orderId) {
		return this.jdbc.sql("""
				SELECT payment_id, order_id, customer_id, amount, status, charge_id, reason, created_at
				FROM payments WHERE order_id = :orderId
				""").param("orderId", orderId).query(Payments::payment).list();
	}

	private static Payment payment(ResultSet rs, int row) throws SQLException {
		return new Payment(rs.getObject("payment_id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("customer_id"), rs.getBigDecimal("amount"), PaymentStatus.valueOf(rs.getString("status")),
				rs.getString("charge_id"), rs.getString("reason"), rs.getObject("created_at", OffsetDateTime.class));
	}

}
