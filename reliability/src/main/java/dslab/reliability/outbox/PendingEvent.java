package dslab.reliability.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * An outbox row not yet marked published.
 *
 * @param sequence its number among its topic's and key's events, or {@code null} before
 * the relay first numbered it
 */
record PendingEvent(long id, String topic, String key, String envelope, Long sequence) {

	static PendingEvent map(ResultSet rs, int row) throws SQLException {
		return new PendingEvent(rs.getLong("id"), rs.getString("topic"), rs.getString("record_key"),
				rs.getString("envelope"), rs.getObject("sequence", Long.class));
	}

}
