package dslab.drill.audit;

import java.util.UUID;

import dslab.drill.audit.InventorySnapshot.Reservation;
import dslab.drill.audit.InventorySnapshot.ReservationStatus;
import dslab.drill.audit.InventorySnapshot.Stock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoStockHeldForFinishedOrdersTest {

	private final Shop shop = Shop.withEveryOutcome();

	@Test
	void passesWhenOnlyUnfinishedOrdersHoldStockAndTheCountsAgree() {
		this.shop.reserved("SKU-1", 4, "40.00");
		this.shop.reserved("SKU-1", 1, "10.00");

		this.shop.assertPasses(NoStockHeldForFinishedOrders.NAME);
	}

	@Test
	void reportsUnitsStillReservedForACancelledOrder() {
		UUID cancelled = this.shop.cancelled("SKU-2", 2, "15.00");
		this.shop.changeReservation(cancelled,
				(r) -> new Reservation(r.orderId(), r.sku(), r.quantity(), ReservationStatus.RESERVED));
		this.shop.changeStock("SKU-2",
				(s) -> new Stock("SKU-2", s.initial(), s.restocked(), s.available() - 2, s.reserved() + 2, s.sold()));

		assertThat(this.shop.violationsOfOnly(NoStockHeldForFinishedOrders.NAME)).singleElement()
			.asString()
			.contains("SKU-2", "2 units", "order " + cancelled, "CANCELLED");
	}

	@Test
	void reportsAConfirmedOrderWhoseReservationWasNeverSold() {
		UUID confirmed = this.shop.confirmed("SKU-1", 1, "10.00");
		this.shop.changeReservation(confirmed,
				(r) -> new Reservation(r.orderId(), r.sku(), r.quantity(), ReservationStatus.RESERVED));

		assertThat(this.shop.violationsOfOnly(NoStockHeldForFinishedOrders.NAME)).hasSize(2)
			.anySatisfy((violation) -> assertThat(violation).contains("SKU-1", "order " + confirmed, "CONFIRMED"))
			.anySatisfy((violation) -> assertThat(violation).contains("SKU-1 counts 0 reserved", "add up to 1"));
	}

	@Test
	void reportsAReservedCountNoReservationAccountsFor() {
		this.shop.changeStock("SKU-2",
				(s) -> new Stock("SKU-2", s.initial(), s.restocked(), s.available() - 3, s.reserved() + 3, s.sold()));

		assertThat(this.shop.violationsOfOnly(NoStockHeldForFinishedOrders.NAME)).singleElement()
			.asString()
			.contains("SKU-2 counts 3 reserved", "add up to 0");
		assertThat(this.shop.audit().figures().stockViolations()).isOne();
	}

	@Test
	void reportsReservationsOfASkuInventoryDoesNotList() {
		UUID reserved = this.shop.reserved("SKU-1", 2, "20.00");
		this.shop.changeReservation(reserved, (r) -> new Reservation(r.orderId(), "SKU-9", r.quantity(), r.status()));
		this.shop.changeStock("SKU-1",
				(s) -> new Stock("SKU-1", s.initial(), s.restocked(), s.available() + 2, s.reserved() - 2, s.sold()));

		assertThat(this.shop.audit().check(NoStockHeldForFinishedOrders.NAME).violations()).singleElement()
			.asString()
			.contains("SKU-9", "no stock");
	}

}
