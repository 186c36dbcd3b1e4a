package dslab.drill.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dslab.drill.audit.OrderServiceSnapshot.Order;
import dslab.drill.audit.OrderServiceSnapshot.OrderStatus;

/**
 * Proves from the services' books, held against what the client saw, that no order was
 * lost, charged twice or oversold: runs every check and gathers the figures.
 */
public final class Auditor {

	private static final List<Check> CHECKS = List.of(new AcknowledgedOrdersExistOnce(), new OrdersAreFinished(),
			new ConfirmedOrdersPaidOnce(), new NoUnknownCharges(), new NoMoneyForFailedOrders(), new StockBalances(),
			new NoStockHeldForFinishedOrders(), new NoDuplicates(), new NoOrderingViolations());

	/** The names of the checks, in the order every report lists them. */
	public static List<String> checkNames() {
		return CHECKS.stream().map(Check::name).toList();
	}

	public AuditReport audit(Snapshots snapshots, ClientLedger ledger) {
		Books books = new Books(snapshots, ledger);
		List<CheckResult> results = CHECKS.stream().map((check) -> check.run(books)).toList();
		return new AuditReport(results, figures(books, results));
	}

	private static Figures figures(Books books, List<CheckResult> results) {
		List<Order> orders = books.orders();
		int unknownPlaced = (int) books.ledger()
			.unknownOutcomes()
			.stream()
			.filter((request) -> !books.ordersPlacedWith(request.customerId(), request.idempotencyKey()).isEmpty())
			.count();
		int stockViolations = results.stream()
			.filter((result) -> result.name().equals(StockBalances.NAME)
					|| result.name().equals(NoStockHeldForFinishedOrders.NAME))
			.mapToInt((result) -> result.violations().size())
			.sum();
		return new Figures(books.acknowledged().size(), orders.size(), count(orders, OrderStatus.CONFIRMED),
				count(orders, OrderStatus.REJECTED), count(orders, OrderStatus.CANCELLED),
				(int) orders.stream().filter((order) -> !order.status().isTerminal()).count(), books.lost().size(),
				books.duplicated(), books.doubleCharges(), stockViolations, books.ledger().unknownOutcomes().size(),
				unknownPlaced, outboxBacklogs(books.snapshots()), consumerDuplicates(books.snapshots()));
	}

	private static int count(List<Order> orders, OrderStatus status) {
		return (int) orders.stream().filter((order) -> order.status() == status).count();
	}

	private static Map<String, Long> outboxBacklogs(Snapshots snapshots) {
		Map<String, Long> backlogs = new LinkedHashMap<>();
		backlogs.put(OrderServiceSnapshot.SERVICE, snapshots.orders().outboxBacklog());
		backlogs.put(InventorySnapshot.SERVICE, snapshots.inventory().outboxBacklog());
		backlogs.put(PaymentServiceSnapshot.SERVICE, snapshots.payments().outboxBacklog());
		return backlogs;
	}

	private static Map<String, Long> consumerDuplicates(Snapshots snapshots) {
		Map<String, Long> duplicates = new LinkedHashMap<>();
		put(duplicates, OrderServiceSnapshot.SERVICE, snapshots.orders().consumers());
		put(duplicates, InventorySnapshot.SERVICE, snapshots.inventory().consumers());
		put(duplicates, PaymentServiceSnapshot.SERVICE, snapshots.payments().consumers());
		return duplicates;
	}

	private static void put(Map<String, Long> duplicates, String service, List<ConsumerCount> consumers) {
		consumers.forEach(
				(consumer) -> duplicates.merge(service + "/" + consumer.consumer(), consumer.duplicates(), Long::sum));
	}

}
