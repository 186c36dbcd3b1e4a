package dslab.paymentservice.payment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code charge_attempts} table: per order, the calls made for its charge that got no
 * answer, and whether any of them may have charged the customer. It outlives a delivery
 * and a restart, because giving up on an order that was charged would keep the money of a
 * cancelled order.
 */
@Repository
class ChargeAttempts {

	private final JdbcClient jdbc;

	ChargeAttempts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds one delivery's failed calls to the order's record.
	 * @return the order's record with them
	 */
	@Transactional
	Failures add(UUID orderId, ChargeNotMadeException failure) {
		Map<String, Object> params = Map.of("orderId", orderId, "calls", failure.calls(), "reached", failure.reached(),
				"unknown", failure.outcomeUnknown(), "reason", abbreviate(failure.getMessage()), "now",
				OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
		int updated = this.jdbc.sql("""
				UPDATE charge_attempts SET calls = calls + :calls, reached = reached + :reached,
				    outcome_unknown = (outcome_unknown OR :unknown), last_failure = :reason, updated_at = :now
				WHERE order_id = :orderId
				""").params(params).update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO charge_attempts (order_id, calls, reached, outcome_unknown, last_failure, updated_at)
					VALUES (:orderId, :calls, :reached, :unknown, :reason, :now)
					""").params(params).update();
		}
		return of(orderId);
	}

	Failures of(UUID orderId) {
		return this.jdbc.sql("SELECT calls, reached, outcome_unknown FROM charge_attempts WHERE order_id = :orderId")
			.param("orderId", orderId)
			.query((rs, row) -> new Failures(rs.getInt("calls"), rs.getInt("reached"),
					rs.getBoolean("outcome_unknown")))
			.optional()
			.orElse(new Failures(0, 0, false));
	}

	private static String abbreviate(String text) {
		return (text == null || text.length() <= 500) ? text : text.substring(0, 497) + "...";
	}

	/**
	 * An order's failed calls so far.
	 *
	 * @param calls calls that got no answer
	 * @param reached those the provider received
	 * @param outcomeUnknown whether one of them may have charged the customer
	 */
	record Failures(int calls, int reached, boolean outcomeUnknown) {

		/** Whether the order may be given up on without risking money taken for it. */
		boolean safeToGiveUp() {
			return this.calls > 0 && !this.outcomeUnknown;
		}

	}

}
