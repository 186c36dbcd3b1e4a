package dslab.drill.scenario;

import java.util.List;
import java.util.Optional;

import dslab.drill.run.Drill;

/** Every drill the lab has, in the order {@code ./drill run all} runs them. */
public final class Drills {

	/**
	 * The SKUs the default load orders; drills restock them so stock is not what limits
	 * them.
	 */
	static final List<String> LOAD_SKUS = List.of("SKU-1", "SKU-2", "SKU-3", "SKU-6", "SKU-7", "SKU-17");

	public static final List<Drill> ALL = List.of(new Baseline(), new ServiceCrash(), new CrashPoints(),
			new DuplicateStorm(), new LostResponse(), new Redelivery(), new FlakyProvider(), new ProviderOutage(),
			new RetryStorm(), new PoisonEvent(), new Overload(), new ScaleOut(), new ConsumerCrash(),
			new HotPartition());

	private Drills() {
	}

	public static Optional<Drill> named(String name) {
		return ALL.stream().filter((drill) -> drill.name().equals(name)).findFirst();
	}

}
