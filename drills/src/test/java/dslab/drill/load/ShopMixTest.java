package dslab.drill.load;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ShopMixTest {

	private final SplittableRandom random = new SplittableRandom(7);

	@Test
	void ordersOneToThreeDistinctSkusOfTheCatalogueForKnownCustomers() {
		List<OrderRequest> orders = orders(ShopMix.DEFAULT, 10_000);

		assertThat(orders).allSatisfy((order) -> {
			assertThat(order.customerId()).matches("c-([1-9]|[1-4][0-9]|50)|c-declined");
			assertThat(order.lines()).hasSizeBetween(1, 3);
			assertThat(order.lines()).extracting(OrderRequest.Line::sku)
				.doesNotHaveDuplicates()
				.isSubsetOf("SKU-1", "SKU-2", "SKU-3", "SKU-6", "SKU-7", "SKU-17");
			assertThat(order.lines()).allSatisfy((line) -> assertThat(line.quantity()).isBetween(1, 2));
		});
		assertThat(orders).extracting(OrderRequest::customerId).contains("c-1", "c-50");
		assertThat(orders).extracting((order) -> order.lines().size()).contains(1, 2, 3);
		assertThat(orders.stream().filter((order) -> order.lines().size() > 1).count() / 10_000.0)
			.as("share of orders inventory splits by SKU")
			.isCloseTo(2 / 3.0, within(0.02));
	}

	@Test
	void sendsAboutFivePercentOfOrdersFromTheDeclinedCustomer() {
		long declined = orders(ShopMix.DEFAULT, 20_000).stream()
			.filter((order) -> order.customerId().equals(ShopMix.DECLINED_CUSTOMER))
			.count();

		assertThat(declined / 20_000.0).isCloseTo(0.05, within(0.01));
	}

	@Test
	void canAimAtDeclinesOrAtOneScarceSku() {
		assertThat(orders(ShopMix.DEFAULT.withDeclinedShare(1), 100)).extracting(OrderRequest::customerId)
			.containsOnly(ShopMix.DECLINED_CUSTOMER);
		List<OrderRequest> scarce = orders(ShopMix.DEFAULT.withSkus(List.of("SKU-5")).withMaxQuantity(4), 1000);
		assertThat(scarce).allSatisfy((order) -> assertThat(order.lines()).singleElement()
			.satisfies((line) -> assertThat(line.sku()).isEqualTo("SKU-5")));
		assertThat(scarce).extracting((order) -> order.lines().get(0).quantity()).containsOnly(1, 2, 3, 4);
	}

	@Test
	void refusesMoreLinesPerOrderThanItHasSkus() {
		assertThatIllegalArgumentException().isThrownBy(() -> ShopMix.DEFAULT.withMaxLines(7))
			.withMessageContaining("maxLines");
	}

	private List<OrderRequest> orders(OrderMix mix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> mix.next(this.random)).toList();
	}

}
