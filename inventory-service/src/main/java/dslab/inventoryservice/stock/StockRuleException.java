package dslab.inventoryservice.stock;

/** A stock change refused because it would break a rule; the message names the rule. */
class StockRuleException extends RuntimeException {

	StockRuleException(String message) {
		super(message);
	}

}
