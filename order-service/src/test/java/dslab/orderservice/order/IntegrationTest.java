package dslab.orderservice.order;

import dslab.cluster.KafkaBroker;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on this JVM's Kafka broker and a fresh in-memory H2 database, shared
 * by every integration test of this module.
 */
// Inline, not dynamic, so that the PostgreSQL subclass's dynamic properties override it
// (of two @DynamicPropertySource methods the superclass's is applied last). Boot resolves
// random.uuid once, when it binds the data source: one database per context.
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:order-${random.uuid}"
		+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
// Every context consumes as the one group order-service: two live at once would split the
// partitions, and each would drop the other's events as events of unknown orders.
@DirtiesContext
abstract class IntegrationTest {

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", KafkaBroker::shared);
	}

}
