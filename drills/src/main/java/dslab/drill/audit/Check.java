package dslab.drill.audit;

import java.util.List;

/**
 * One rule that the services' books must obey together; it passes when it finds no
 * violation.
 */
sealed interface Check
		permits AcknowledgedOrdersExistOnce, OrdersAreFinished, ConfirmedOrdersPaidOnce, NoUnknownCharges,
		NoMoneyForFailedOrders, StockBalances, NoStockHeldForFinishedOrders, NoDuplicates, NoOrderingViolations {

	/** The rule, as the report names it. */
	String name();

	/** Each breach of the rule, naming the order or SKU concerned. */
	List<String> violations(Books books);

	default CheckResult run(Books books) {
		return new CheckResult(name(), violations(books));
	}

}
