package dslab.orderservice.order;

import java.util.Objects;
import java.util.UUID;

/** The identity of an order; also the key and correlation id of all its saga events. */
record OrderId(UUID value) {

	OrderId {
		Objects.requireNonNull(value, "value");
	}

	static OrderId random() {
		return new OrderId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
