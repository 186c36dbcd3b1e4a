package dslab.contracts;

/** Events published by inventory-service. */
public sealed interface InventoryEvent extends SagaEvent permits StockReserved, StockRejected {

	String TOPIC = "inventory-events";

}
