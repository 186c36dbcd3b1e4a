package dslab.drill.load;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class HotSkuMixTest {

	private final SplittableRandom random = new SplittableRandom(7);

	@Test
	void ordersTheHotSkuAloneInItsShareOfOrdersAndTheRestFromTheOtherMix() {
		List<OrderRequest> orders = IntStream.range(0, 20_000)
			.mapToObj((i) -> HotSkuMix.of("SKU-1", 0.8).next(this.random))
			.toList();

		List<OrderRequest> hotAlone = orders.stream()
			.filter((order) -> order.lines().size() == 1 && order.lines().get(0).sku().equals("SKU-1"))
			.toList();
		// ShopMix.DEFAULT orders SKU-1 alone in 1/3 (one line) x 1/6 (that line SKU-1) of
		// its orders.
		assertThat(hotAlone.size() / 20_000.0).isCloseTo(0.8 + 0.2 / 18, within(0.01));
		assertThat(hotAlone).allSatisfy((order) -> assertThat(order.lines().get(0).quantity()).isBetween(1, 2));
		assertThat(orders).anySatisfy((order) -> assertThat(order.lines()).hasSize(3));
	}

	@Test
	void refusesAShareOutsideZeroToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> HotSkuMix.of("SKU-1", 1.2))
			.withMessageContaining("share");
	}

}
