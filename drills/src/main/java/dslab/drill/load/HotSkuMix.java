package dslab.drill.load;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A shop with one best seller: a share of the orders is for the hot SKU alone (quantity 1
 * to {@code maxQuantity}), the rest come from another mix. Every movement of one SKU goes
 * to one partition of {@code stock-movements}, so the hot SKU makes that partition hot.
 *
 * @param sku the hot SKU
 * @param share the share of orders (0.0 to 1.0) that are for the hot SKU alone
 * @param maxQuantity the most units of the hot SKU in one order
 * @param rest where the other orders come from
 */
public record HotSkuMix(String sku, double share, int maxQuantity, OrderMix rest) implements OrderMix {

	public HotSkuMix {
		Objects.requireNonNull(sku, "sku");
		Objects.requireNonNull(rest, "rest");
		if (!(share >= 0 && share <= 1)) {
			throw new IllegalArgumentException("share must be between 0 and 1, was " + share);
		}
		if (maxQuantity < 1) {
			throw new IllegalArgumentException("maxQuantity must be at least 1, was " + maxQuantity);
		}
	}

	/** {@code share} of the orders for {@code sku}, the rest {@link ShopMix#DEFAULT}. */
	public static HotSkuMix of(String sku, double share) {
		return new HotSkuMix(sku, share, 2, ShopMix.DEFAULT);
	}

	@Override
	public OrderRequest next(RandomGenerator random) {
		if (random.nextDouble() >= this.share) {
			return this.rest.next(random);
		}
		String customer = "c-" + (1 + random.nextInt(50));
		return new OrderRequest(customer,
				List.of(new OrderRequest.Line(this.sku, 1 + random.nextInt(this.maxQuantity))));
	}

}
