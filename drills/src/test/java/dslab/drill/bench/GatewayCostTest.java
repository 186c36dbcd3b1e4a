package dslab.drill.bench;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How the benchmark turns each path's figures into ratios to direct and a verdict. */
class GatewayCostTest {

	private static final PathFigures DIRECT = new PathFigures("direct", 2000, 1.2, 4.0, 3000, 0);

	@Test
	void comparesEachPathWithGoingStraightToOrderService() {
		PathFigures gateway = new PathFigures("gateway", 1200, 1.9, 6.5, 3000, 0);
		GatewayCost cost = new GatewayCost(DIRECT, gateway, Optional.empty());

		assertThat(cost.throughputRatio(gateway)).isCloseTo(0.6, within(1e-9));
		assertThat(cost.addedP50Millis(gateway)).isCloseTo(0.7, within(1e-9));
		assertThat(cost.addedP99Millis(gateway)).isCloseTo(2.5, within(1e-9));
	}

	@Test
	void passesWhenTheGatewayKeepsHalfTheThroughputAndAddsAtMostOneMillisecond() {
		PathFigures gateway = new PathFigures("gateway", 1000, 2.2, 9.0, 3000, 0);

		assertThat(new GatewayCost(DIRECT, gateway, Optional.empty()).verdict()).isEqualTo("PASS");
	}

	@Test
	void failsNamingEveryMissedTarget() {
		PathFigures gateway = new PathFigures("gateway", 900, 2.5, 9.0, 3000, 0);

		assertThat(new GatewayCost(DIRECT, gateway, Optional.empty()).verdict())
			.isEqualTo("FAIL (throughput ratio 0.45 < 0.50, added p50 1.30 ms > 1.0 ms)");
	}

	@Test
	void judgesTheGatewayAloneNotNginx() {
		PathFigures gateway = new PathFigures("gateway", 1500, 1.5, 5.0, 3000, 0);
		PathFigures nginx = new PathFigures("nginx", 100, 30, 90, 3000, 0);

		assertThat(new GatewayCost(DIRECT, gateway, Optional.of(nginx)).verdict()).isEqualTo("PASS");
	}

	@Test
	void voidsTheComparisonWhenAnyPathHadErrors() {
		PathFigures gateway = new PathFigures("gateway", 1500, 1.5, 5.0, 3000, 0);
		PathFigures nginx = new PathFigures("nginx", 1900, 1.3, 4.5, 3000, 2);

		assertThat(new GatewayCost(DIRECT, gateway, Optional.of(nginx)).verdict()).startsWith("VOID");
	}

	@Test
	void offersEveryPathHalfTheSlowestSaturation() {
		assertThat(GatewayCost.halfLoad(List.of(2000.0, 1200.0, 1800.0))).isEqualTo(600.0);
	}

	@Test
	void tablesOneRowPerPathWithRatiosAndAddedLatency() {
		PathFigures gateway = new PathFigures("through the gateway", 1200, 1.9, 6.5, 3000, 0);
		PathFigures nginx = new PathFigures("through nginx", 1800, 1.4, 4.2, 2999, 0);

		String table = new GatewayCost(DIRECT, gateway, Optional.of(nginx)).table();

		assertThat(table.lines()).hasSize(5)
			.contains("| direct | 2000 | 1.00 | 1.20 | +0.00 | 4.00 | +0.00 | 3000 | 0 |",
					"| through the gateway | 1200 | 0.60 | 1.90 | +0.70 | 6.50 | +2.50 | 3000 | 0 |",
					"| through nginx | 1800 | 0.90 | 1.40 | +0.20 | 4.20 | +0.20 | 2999 | 0 |");
	}

}
