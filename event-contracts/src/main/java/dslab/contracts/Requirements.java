package dslab.contracts;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks shared by the records' constructors, so a malformed event fails as it is
 * decoded.
 */
final class Requirements {

	private Requirements() {
	}

	static String text(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	static <T> List<T> nonEmpty(List<T> values, String name) {
		if (values == null || values.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		if (values.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException(name + " must not hold null");
		}
		return List.copyOf(values);
	}

	/**
	 * Refuses a list in which two elements share what {@code identity} picks from them.
	 */
	static <T> List<T> distinct(List<T> values, Function<T, ?> identity, String name) {
		Set<Object> seen = new HashSet<>();
		for (T value : values) {
			if (!seen.add(identity.apply(value))) {
				throw new IllegalArgumentException(name + " name " + identity.apply(value) + " twice");
			}
		}
		return values;
	}

	static BigDecimal nonNegative(BigDecimal amount, String name) {
		Objects.requireNonNull(amount, name);
		if (amount.signum() < 0) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return amount;
	}

	static int positive(int value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return value;
	}

}
