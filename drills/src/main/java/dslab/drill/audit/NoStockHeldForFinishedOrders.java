package dslab.drill.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dslab.drill.audit.InventorySnapshot.Reservation;
import dslab.drill.audit.InventorySnapshot.ReservationStatus;
import dslab.drill.audit.InventorySnapshot.Stock;
import dslab.drill.audit.OrderServiceSnapshot.Order;

/**
 * No stock held for a finished order, and every SKU's reserved count is its
 * reservations'. Once an order is CONFIRMED, REJECTED or CANCELLED its units must have
 * been sold or released, so a reservation still RESERVED for it keeps stock from every
 * other customer forever (the payment outcome never reached inventory). And inventory's
 * {@code reserved} for a SKU must equal the sum of that SKU's RESERVED reservations, or
 * the counter and the reservations it summarises have drifted apart.
 */
final class NoStockHeldForFinishedOrders implements Check {

	static final String NAME = "no stock held for a finished order, and reserved counts match reservations";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<String> violations(Books books) {
		List<String> violations = new ArrayList<>();
		Map<String, Long> reservedBySku = new LinkedHashMap<>();
		for (Reservation reservation : books.snapshots().inventory().reservations()) {
			if (reservation.status() != ReservationStatus.RESERVED) {
				continue;
			}
			reservedBySku.merge(reservation.sku(), (long) reservation.quantity(), Long::sum);
			books.order(reservation.orderId())
				.filter((order) -> order.status().isTerminal())
				.map(Order::status)
				.ifPresent((status) -> violations.add("%s: %d units still RESERVED for order %s, which is %s"
					.formatted(reservation.sku(), reservation.quantity(), reservation.orderId(), status)));
		}
		Map<String, Stock> stockBySku = new LinkedHashMap<>();
		books.snapshots().inventory().stock().forEach((stock) -> stockBySku.putIfAbsent(stock.sku(), stock));
		for (Stock stock : stockBySku.values()) {
			long reservations = reservedBySku.getOrDefault(stock.sku(), 0L);
			if (stock.reserved() != reservations) {
				violations.add("%s counts %d reserved but its RESERVED reservations add up to %d".formatted(stock.sku(),
						stock.reserved(), reservations));
			}
		}
		reservedBySku.forEach((sku, reservations) -> {
			if (!stockBySku.containsKey(sku)) {
				violations.add("%s has %d units in RESERVED reservations but inventory lists no stock for it"
					.formatted(sku, reservations));
			}
		});
		return violations;
	}

}
