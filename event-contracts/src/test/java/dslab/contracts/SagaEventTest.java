package dslab.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SagaEventTest {

	private final UUID orderId = UUID.randomUUID();

	@Test
	void everyEventIsKeyedByItsOrderAndPublishedToItsProducersTopic() {
		List<SagaEvent> events = List.of(new OrderPlaced(this.orderId, "c-1", List.of(new OrderLine("SKU-1", 1))),
				new StockReserved(this.orderId, "c-1", List.of(new PricedLine("SKU-1", 2, new BigDecimal("24.90"))),
						new BigDecimal("49.80")),
				new StockRejected(this.orderId, "insufficient stock"),
				new PaymentCaptured(this.orderId, UUID.randomUUID(), BigDecimal.TEN, "ch_1"),
				new PaymentDeclined(this.orderId, UUID.randomUUID(), BigDecimal.TEN, "blocked"));

		assertThat(events).extracting(SagaEvent::key).containsOnly(this.orderId.toString());
		assertThat(events).extracting(SagaEvent::topic)
			.containsExactly("order-events", "inventory-events", "inventory-events", "payment-events",
					"payment-events");
	}

	@Test
	void everyEventTypeIsRegisteredUnderItsSimpleName() {
		SagaEvent.TYPES.forEach((name, type) -> assertThat(type.getSimpleName()).isEqualTo(name));
		assertThat(List.<Class<?>>copyOf(SagaEvent.TYPES.values()))
			.containsExactlyInAnyOrderElementsOf(records(SagaEvent.class));
	}

	private static List<Class<?>> records(Class<?> type) {
		if (type.isRecord()) {
			return List.of(type);
		}
		return java.util.Arrays.stream(type.getPermittedSubclasses()).flatMap((sub) -> records(sub).stream()).toList();
	}

	@Test
	void refusesEventsThatCouldNeverBeHandled() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OrderLine("SKU-1", 0))
			.withMessage("quantity must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> new OrderPlaced(this.orderId, " ", List.of()))
			.withMessage("customerId must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new OrderPlaced(this.orderId, "c-1", List.of()))
			.withMessage("lines must not be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PaymentCaptured(this.orderId, UUID.randomUUID(), new BigDecimal("-1"), "ch"))
			.withMessage("amount must not be negative");
		assertThatNullPointerException().isThrownBy(() -> new StockRejected(null, "reason")).withMessage("orderId");
	}

	@Test
	void refusesAnOrderThatNamesASkuTwiceOrHoldsNoLine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OrderPlaced(this.orderId, "c-1",
					List.of(new OrderLine("SKU-1", Integer.MAX_VALUE), new OrderLine("SKU-1", 1))))
			.withMessage("lines name SKU-1 twice");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OrderPlaced(this.orderId, "c-1", Arrays.asList(new OrderLine("SKU-1", 1), null)))
			.withMessage("lines must not hold null");
	}

	@Test
	void refusesAReservationWhoseTotalIsNotTheSumOfItsLines() {
		List<PricedLine> lines = List.of(new PricedLine("SKU-1", 2, new BigDecimal("24.90")),
				new PricedLine("SKU-2", 1, new BigDecimal("0.20")));

		assertThat(new StockReserved(this.orderId, "c-1", lines, new BigDecimal("50.0")).total())
			.isEqualByComparingTo("50.00");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StockReserved(this.orderId, "c-1", lines, new BigDecimal("49.80")))
			.withMessage("total 49.80 is not the sum of the lines, 50.00");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new StockReserved(this.orderId, "c-1",
							List.of(new PricedLine("SKU-1", 1, BigDecimal.ONE),
									new PricedLine("SKU-1", 1, BigDecimal.ONE)),
							new BigDecimal("2")))
			.withMessage("lines name SKU-1 twice");
	}

	@Test
	void linesCannotBeChangedAfterTheFact() {
		List<OrderLine> lines = new ArrayList<>(List.of(new OrderLine("SKU-1", 1)));
		OrderPlaced placed = new OrderPlaced(this.orderId, "c-1", lines);

		lines.add(new OrderLine("SKU-2", 1));

		assertThat(placed.lines()).hasSize(1);
	}

	@Test
	void pricedLineAmountIsQuantityTimesUnitPrice() {
		assertThat(new PricedLine("SKU-1", 3, new BigDecimal("7.50")).amount()).isEqualByComparingTo("22.50");
	}

}
