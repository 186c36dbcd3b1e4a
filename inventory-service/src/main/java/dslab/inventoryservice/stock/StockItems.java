package dslab.inventoryservice.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stock items in the {@code stock_items} table. */
@Repository
class StockItems {

	private static final String COLUMNS = "sku, name, price, initial_quantity, restocked, available, reserved, sold";

	private final JdbcClient jdbc;

	StockItems(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<StockItem> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM stock_items ORDER BY sku").query(StockItems::map).list();
	}

	Optional<StockItem> find(String sku) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM stock_items WHERE sku = :sku")
			.param("sku", sku)
			.query(StockItems::map)
			.optional();
	}

	/**
	 * Reads an item and locks its row until the current transaction ends, so no other
	 * transaction changes its stock in between.
	 */
	Optional<StockItem> lock(String sku) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM stock_items WHERE sku = :sku FOR UPDATE")
			.param("sku", sku)
			.query(StockItems::map)
			.optional();
	}

	/** Inserts the item unless its SKU exists, whose stock then stays as it is. */
	boolean insertIfAbsent(StockItem item) {
		return this.jdbc.sql("INSERT INTO stock_items (" + COLUMNS + """
				) VALUES (:sku, :name, :price, :initial, :restocked, :available, :reserved, :sold)
				ON CONFLICT DO NOTHING
				""").paramSource(item).update() == 1;
	}

	/** Writes the quantities of an item read with {@link #lock(String)}. */
	void save(StockItem item) {
		this.jdbc.sql("""
				UPDATE stock_items
				SET restocked = :restocked, available = :available, reserved = :reserved, sold = :sold
				WHERE sku = :sku
				""").paramSource(item).update();
	}

	private static StockItem map(ResultSet rs, int row) throws SQLException {
		return new StockItem(rs.getString("sku"), rs.getString("name"), rs.getBigDecimal("price"),
				rs.getInt("initial_quantity"), rs.getInt("restocked"), rs.getInt("available"), rs.getInt("reserved"),
				rs.getInt("sold"));
	}

}
