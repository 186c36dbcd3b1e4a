package dslab.contracts;

/** Events published by order-service. */
public sealed interface OrderEvent extends SagaEvent permits OrderPlaced {

	String TOPIC = "order-events";

}
