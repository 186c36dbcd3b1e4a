package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import dslab.cluster.KafkaBroker;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The one test setup of the service: the whole application on the JVM's shared Kafka
 * broker and an in-memory H2 that lives as long as the test JVM. Every integration test
 * extends it, so they all share one Spring context; each test creates SKUs of its own, so
 * none sees another's stock.
 */
@SpringBootTest
@AutoConfigureMockMvc
// A plain test property, not a dynamic one: dynamic properties of a superclass win over
// those of a subclass, and the PostgreSQL variant must be able to replace this URL.
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:inventory-tests;MODE=PostgreSQL;"
		+ "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
abstract class InventoryIntegrationTest {

	@Autowired
	StockItems items;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", KafkaBroker::shared);
	}

	/** Creates an item that only the calling test uses. */
	String newSku(String price, int stock) {
		String sku = "T-" + UUID.randomUUID().toString().substring(0, 8);
		this.items.insertIfAbsent(StockItem.create(sku, "Test item " + sku, new BigDecimal(price), stock));
		return sku;
	}

	StockItem stockOf(String sku) {
		return this.items.find(sku).orElseThrow();
	}

	static ConditionFactory eventually() {
		return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInSameThread();
	}

}
