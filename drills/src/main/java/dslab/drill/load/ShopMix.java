package dslab.drill.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Everyday shop traffic: customers {@code c-1..c-N}, a share of the customer the provider
 * always declines, and 1 to {@code maxLines} distinct SKUs with quantities 1 to
 * {@code maxQuantity}. The withers aim a drill elsewhere: {@code withDeclinedShare(1)}
 * for declines, {@code withSkus(List.of("SKU-5")).withMaxQuantity(4)} for running out of
 * stock.
 */
public record ShopMix(int customers, double declinedShare, List<String> skus, int maxLines,
		int maxQuantity) implements OrderMix {

	/** The customer payment-provider declines every time. */
	public static final String DECLINED_CUSTOMER = "c-declined";

	/**
	 * 50 customers, 5% declined, 1-3 lines of six SKUs, quantity 1-2. Two orders in three
	 * have several SKUs, so inventory splits and joins them; the six SKUs hash to the six
	 * partitions of {@code stock-movements}, one each, so every SKU owner gets load.
	 */
	public static final ShopMix DEFAULT = new ShopMix(50, 0.05,
			List.of("SKU-1", "SKU-2", "SKU-3", "SKU-6", "SKU-7", "SKU-17"), 3, 2);

	public ShopMix {
		skus = List.copyOf(Objects.requireNonNull(skus, "skus"));
		if (customers < 1) {
			throw new IllegalArgumentException("customers must be at least 1, was " + customers);
		}
		if (!(declinedShare >= 0 && declinedShare <= 1)) {
			throw new IllegalArgumentException("declinedShare must be between 0 and 1, was " + declinedShare);
		}
		if (skus.isEmpty() || skus.stream().distinct().count() != skus.size()) {
			throw new IllegalArgumentException("skus must be distinct and not empty, was " + skus);
		}
		// order-service refuses an order that repeats a SKU, so lines need distinct SKUs.
		if (maxLines < 1 || maxLines > skus.size()) {
			throw new IllegalArgumentException(
					"maxLines must be between 1 and the number of SKUs (" + skus.size() + "), was " + maxLines);
		}
		if (maxQuantity < 1) {
			throw new IllegalArgumentException("maxQuantity must be at least 1, was " + maxQuantity);
		}
	}

	@Override
	public OrderRequest next(RandomGenerator random) {
		String customer = (random.nextDouble() < this.declinedShare) ? DECLINED_CUSTOMER
				: "c-" + (1 + random.nextInt(this.customers));
		List<String> shuffled = new ArrayList<>(this.skus);
		Collections.shuffle(shuffled, random);
		List<OrderRequest.Line> lines = shuffled.subList(0, 1 + random.nextInt(this.maxLines))
			.stream()
			.map((sku) -> new OrderRequest.Line(sku, 1 + random.nextInt(this.maxQuantity)))
			.toList();
		return new OrderRequest(customer, lines);
	}

	public ShopMix withCustomers(int customers) {
		return new ShopMix(customers, this.declinedShare, this.skus, this.maxLines, this.maxQuantity);
	}

	public ShopMix withDeclinedShare(double declinedShare) {
		return new ShopMix(this.customers, declinedShare, this.skus, this.maxLines, this.maxQuantity);
	}

	/** Other SKUs; at most as many lines as SKUs. */
	public ShopMix withSkus(List<String> skus) {
		return new ShopMix(this.customers, this.declinedShare, skus, Math.min(this.maxLines, skus.size()),
				this.maxQuantity);
	}

	public ShopMix withMaxLines(int maxLines) {
		return new ShopMix(this.customers, this.declinedShare, this.skus, maxLines, this.maxQuantity);
	}

	public ShopMix withMaxQuantity(int maxQuantity) {
		return new ShopMix(this.customers, this.declinedShare, this.skus, this.maxLines, maxQuantity);
	}

}
