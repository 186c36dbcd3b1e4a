package dslab.drill.audit;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one check: passed, or failed with each violation it found.
 *
 * @param name the rule checked
 * @param violations each breach, naming the order or SKU; empty when the check passed
 */
public record CheckResult(String name, List<String> violations) {

	public CheckResult {
		Objects.requireNonNull(name, "name");
		violations = List.copyOf(violations);
	}

	public boolean passed() {
		return this.violations.isEmpty();
	}

}
