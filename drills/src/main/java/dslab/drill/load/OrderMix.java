package dslab.drill.load;

import java.util.random.RandomGenerator;

/**
 * Where each request's order comes from: {@link ShopMix} is the usual one; a drill can
 * plug in any other, e.g. a lambda that always orders the scarce SKU. Called from one
 * thread only.
 */
@FunctionalInterface
public interface OrderMix {

	OrderRequest next(RandomGenerator random);

}
