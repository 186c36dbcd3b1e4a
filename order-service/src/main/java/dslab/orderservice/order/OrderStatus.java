package dslab.orderservice.order;

/**
 * Where an order stands in the saga; CONFIRMED, REJECTED and CANCELLED are final.
 */
enum OrderStatus {

	PENDING, RESERVED, CONFIRMED, REJECTED, CANCELLED;

	boolean isTerminal() {
		return this == CONFIRMED || this == REJECTED || this == CANCELLED;
	}

}
