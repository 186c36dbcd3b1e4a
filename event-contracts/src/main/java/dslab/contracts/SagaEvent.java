package dslab.contracts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event of the order saga. Every saga event is keyed by its order id, so one order's
 * events on one topic are consumed in the order they were published.
 */
public sealed interface SagaEvent permits OrderEvent, InventoryEvent, PaymentEvent {

	/** The schema version every event of this contract carries in its envelope. */
	int SCHEMA_VERSION = 1;

	/**
	 * Event type names, as they appear in the envelope, and the records they decode to.
	 */
	Map<String, Class<? extends SagaEvent>> TYPES = Map.of("OrderPlaced", OrderPlaced.class, "StockReserved",
			StockReserved.class, "StockRejected", StockRejected.class, "PaymentCaptured", PaymentCaptured.class,
			"PaymentDeclined", PaymentDeclined.class);

	/** Every topic of the saga. */
	List<String> TOPICS = List.of(OrderEvent.TOPIC, InventoryEvent.TOPIC, PaymentEvent.TOPIC);

	UUID orderId();

	/** The topic this event is published to. */
	default String topic() {
		return switch (this) {
			case OrderEvent e -> OrderEvent.TOPIC;
			case InventoryEvent e -> InventoryEvent.TOPIC;
			case PaymentEvent e -> PaymentEvent.TOPIC;
		};
	}

	/** The record key: the order id. */
	default String key() {
		return orderId().toString();
	}

}
