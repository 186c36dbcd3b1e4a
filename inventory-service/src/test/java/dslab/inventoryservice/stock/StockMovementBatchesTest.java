package dslab.inventoryservice.stock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dslab.cluster.KafkaBroker;
import dslab.inventoryservice.stock.StockMovement.ReserveLine;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SKU owners' batch listener: a hot SKU's movements share a transaction, and a bad
 * one among them is dead-lettered alone, with or without batching.
 */
class StockMovementBatchesTest extends InventoryIntegrationTest {

	private static final String ADMIN = "Bearer lab-admin-token";

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EnvelopeCodec codec;

	@Autowired
	StockMovementBatches batches;

	@Autowired
	MockMvcTester mvc;

	private final List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();

	private final KafkaConsumer<String, String> dlt = new KafkaConsumer<>(
			Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared(), ConsumerConfig.GROUP_ID_CONFIG,
					"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
			new StringDeserializer(), new StringDeserializer());

	@AfterEach
	void restore() {
		this.batches.enable(true);
		this.dlt.close();
	}

	@ParameterizedTest(name = "batching {0}")
	@ValueSource(booleans = { true, false })
	void reservesEveryGoodMovementAndDeadLettersOnlyTheMalformedOne(boolean batching) {
		this.batches.enable(batching);
		String sku = newSku("5.00", 100);
		List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		List<String> values = new ArrayList<>();
		orders.forEach((order) -> values.add(reserve(order, sku, 2)));
		values.add(2, "{\"not\":\"an event\"");

		sendAll(sku, values);

		eventually().untilAsserted(() -> assertThat(stockOf(sku).available()).isEqualTo(100 - 2 * orders.size()));
		this.dlt.subscribe(List.of("stock-movements.DLT"));
		eventually().untilAsserted(() -> {
			this.dlt.poll(Duration.ofMillis(200)).forEach(this.deadLetters::add);
			assertThat(this.deadLetters).filteredOn((record) -> sku.equals(record.key()))
				.singleElement()
				.satisfies((record) -> assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_FQCN))
					.isEqualTo(MalformedEventException.class.getName()));
		});
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM reservations WHERE sku = :sku")
			.param("sku", sku)
			.query(Long.class)
			.single()).isEqualTo(orders.size());
	}

	@Test
	void switchesBatchingAtRunTimeWithTheAdminToken() {
		assertThat(this.mvc.put()
			.uri("/admin/stock/movements/batching")
			.header("Authorization", ADMIN)
			.contentType("application/json")
			.content("{\"enabled\":false}")).hasStatusOk().bodyJson().extractingPath("$.enabled").isEqualTo(false);

		assertThat(this.batches.enabled()).isFalse();
		assertThat(this.mvc.put()
			.uri("/admin/stock/movements/batching")
			.contentType("application/json")
			.content("{\"enabled\":true}")).hasStatus(401);
		assertThat(this.batches.enabled()).isFalse();
	}

	private String reserve(UUID order, String sku, int quantity) {
		ReserveLine line = new ReserveLine(order, sku, quantity);
		return this.codec.encode(this.codec.wrap(line, line.key(), order.toString(), null));
	}

	/** Sends without waiting in between, so the owner is likely to poll them at once. */
	private void sendAll(String sku, List<String> values) {
		CompletableFuture<?>[] sends = values.stream()
			.map((value) -> this.kafka.send("stock-movements", sku, value))
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(sends).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish " + values.size() + " movements", ex);
		}
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
