package dslab.orderservice.order;

/** An order the rules do not allow, whatever the state of the shop: names the rule. */
class OrderRefused extends RuntimeException {

	OrderRefused(String rule) {
		super(rule);
	}

}
