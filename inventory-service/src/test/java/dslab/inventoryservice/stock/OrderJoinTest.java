package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import dslab.contracts.OrderLine;
import dslab.contracts.OrderPlaced;
import dslab.contracts.StockRejected;
import dslab.contracts.StockReserved;
import dslab.inventoryservice.stock.LineOutcome.LineRefused;
import dslab.inventoryservice.stock.LineOutcome.LineReserved;
import dslab.inventoryservice.stock.OrderJoin.Decision;
import dslab.inventoryservice.stock.OrderJoin.Status;
import dslab.inventoryservice.stock.StockMovement.ReleaseLine;
import dslab.inventoryservice.stock.StockMovement.ReserveLine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The rules that split an order by SKU and join the owners' answers back. */
class OrderJoinTest {

	private final UUID orderId = UUID.randomUUID();

	private final OrderJoin join = OrderJoin.split(new OrderPlaced(this.orderId, "c-1",
			List.of(new OrderLine("SKU-2", 1), new OrderLine("SKU-1", 2), new OrderLine("SKU-3", 3))));

	@Test
	void asksEachSkuOnceInSkuOrder() {
		assertThat(this.join.reserveLines()).containsExactly(new ReserveLine(this.orderId, "SKU-1", 2),
				new ReserveLine(this.orderId, "SKU-2", 1), new ReserveLine(this.orderId, "SKU-3", 3));
		assertThat(this.join.status()).isEqualTo(Status.PENDING);
	}

	@Test
	void decidesNothingUntilEveryLineIsAnswered() {
		OrderJoin partly = this.join.answer(reserved("SKU-1", 2, "1.00")).answer(reserved("SKU-2", 1, "2.00"));

		assertThat(partly.complete()).isFalse();
		assertThat(partly.awaits("SKU-3")).isTrue();
		assertThat(partly.awaits("SKU-1")).isFalse();
		assertThatExceptionOfType(StockRuleException.class).isThrownBy(partly::decide)
			.withMessageContaining("2 of 3 lines answered");
	}

	@Test
	void reservesTheOrderWithPricesAndTotalWhenEveryLineIsReserved() {
		Decision decision = this.join.answer(reserved("SKU-3", 3, "0.50"))
			.answer(reserved("SKU-1", 2, "1.00"))
			.answer(reserved("SKU-2", 1, "2.00"))
			.decide();

		assertThat(decision.status()).isEqualTo(Status.RESERVED);
		assertThat(decision.releases()).isEmpty();
		StockReserved event = (StockReserved) decision.event();
		assertThat(event.customerId()).isEqualTo("c-1");
		assertThat(event.total()).isEqualByComparingTo("5.50");
	}

	@Test
	void rejectsWithEveryReasonAndReleasesTheLinesThatWereReserved() {
		Decision decision = this.join.answer(reserved("SKU-2", 1, "2.00"))
			.answer(new LineRefused(this.orderId, "SKU-3", "insufficient stock for SKU-3"))
			.answer(new LineRefused(this.orderId, "SKU-1", "unknown SKU: SKU-1"))
			.decide();

		assertThat(decision.status()).isEqualTo(Status.REJECTED);
		assertThat(decision.event())
			.isEqualTo(new StockRejected(this.orderId, "unknown SKU: SKU-1; insufficient stock for SKU-3"));
		assertThat(decision.releases()).containsExactly(new ReleaseLine(this.orderId, "SKU-2"));
	}

	@Test
	void refusesASecondAnswerForALine() {
		OrderJoin answered = this.join.answer(reserved("SKU-1", 2, "1.00"));

		assertThatExceptionOfType(StockRuleException.class)
			.isThrownBy(() -> answered.answer(new LineRefused(this.orderId, "SKU-1", "late")))
			.withMessageContaining("does not wait for an answer about SKU-1");
	}

	@Test
	void refusesAnAnswerThatReservedAnotherQuantity() {
		assertThatExceptionOfType(StockRuleException.class)
			.isThrownBy(() -> this.join.answer(reserved("SKU-1", 5, "1.00")))
			.withMessageContaining("asked for 2 of SKU-1 but 5 were reserved");
	}

	@Test
	void mergesTheQuantitiesOfASkuOrderedOnSeveralLines() {
		OrderJoin merged = new OrderJoin(this.orderId, "c-1", Status.PENDING,
				List.of(new OrderJoin.Line("SKU-1", 2, null)));

		assertThat(merged.reserveLines()).containsExactly(new ReserveLine(this.orderId, "SKU-1", 2));
	}

	private LineReserved reserved(String sku, int quantity, String unitPrice) {
		return new LineReserved(this.orderId, sku, quantity, new BigDecimal(unitPrice));
	}

}
