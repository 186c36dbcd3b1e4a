package dslab.drill.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditorTest {

	@Test
	void passesEveryCheckForALabWhoseSagaRanCorrectly() {
		AuditReport report = Shop.withEveryOutcome().audit();

		assertThat(report.passed()).as(report.summary()).isTrue();
		assertThat(report.checks()).extracting(CheckResult::name).containsExactlyElementsOf(Auditor.checkNames());
		assertThat(report.summary()).startsWith("Audit PASSED: all 9 checks passed");
	}

	@Test
	void runsNineNamedChecks() {
		assertThat(Auditor.checkNames()).hasSize(9).doesNotHaveDuplicates();
	}

	@Test
	void countsOrdersByOutcome() {
		Shop shop = Shop.withEveryOutcome();
		shop.reserved("SKU-1", 1, "10.00");
		UUID lost = shop.confirmed("SKU-2", 1, "7.50");
		shop.orders.removeIf((order) -> order.orderId().equals(lost));

		Figures figures = shop.audit().figures();

		assertThat(figures.acknowledged()).isEqualTo(6);
		assertThat(figures.orders()).isEqualTo(5);
		assertThat(List.of(figures.confirmed(), figures.rejected(), figures.cancelled(), figures.pending()))
			.containsExactly(2, 1, 1, 1);
		assertThat(figures.lost()).isOne();
		assertThat(List.of(figures.duplicated(), figures.doubleCharges(), figures.stockViolations())).containsExactly(0,
				0, 0);
	}

	@Test
	void reportsOutboxBacklogsAndInboxDuplicatesPerService() {
		Shop shop = Shop.withEveryOutcome();
		shop.consumers.add(new ConsumerCount("order-service", 10, 4));

		Figures figures = shop.audit().figures();

		assertThat(figures.outboxBacklogs()).containsOnlyKeys("order-service", "inventory-service", "payment-service");
		assertThat(figures.consumerDuplicates()).containsExactlyEntriesOf(Map.of("order-service/order-service", 4L));
	}

	@Test
	void summaryNamesEachFailedCheckAndItsViolations() {
		Shop shop = Shop.withEveryOutcome();
		UUID pending = shop.pending();

		String summary = shop.audit().summary();

		assertThat(summary).startsWith("Audit FAILED: 1 of 9 checks failed")
			.contains("FAIL " + OrdersAreFinished.NAME, "- order " + pending + " is still PENDING",
					"PASS " + StockBalances.NAME, "1 pending");
	}

	@Test
	void summaryShortensALongListOfViolations() {
		Shop shop = Shop.withEveryOutcome();
		for (int i = 0; i < 25; i++) {
			shop.pending();
		}

		AuditReport report = shop.audit();

		assertThat(report.check(OrdersAreFinished.NAME).violations()).hasSize(25);
		assertThat(report.summary()).contains("... and 5 more");
	}

}
