package dslab.drill.partitions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dslab.cluster.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two consumers of one group on a real broker split a topic's partitions; the sampler
 * names both owners, sees the lag before they consume and none after, and the group
 * counts for {@link ConsumerLag} only once it has members.
 */
class PartitionSamplerIntegrationTest {

	private static final String TOPIC = "sampler-test";

	private static final String GROUP = "sampler-test-group";

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final CountDownLatch stopped = new CountDownLatch(2);

	@AfterEach
	void stopConsumers() throws InterruptedException {
		this.running.set(false);
		this.stopped.await(20, TimeUnit.SECONDS);
	}

	@Test
	void seesBothOwnersAndTheLagTheyWorkOff() throws Exception {
		String bootstrap = KafkaBroker.shared();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		try (var producer = new KafkaProducer<String, String>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < 60; i++) {
				producer.send(new ProducerRecord<>(TOPIC, i % 6, "key-" + i, "value-" + i));
			}
			producer.flush();
		}
		try (PartitionSampler sampler = new PartitionSampler(bootstrap, GROUP, Set.of(TOPIC))) {
			try (ConsumerLag lag = new ConsumerLag(bootstrap)) {
				assertThat(lag.byActiveGroup()).as("a group without members is not waited for")
					.doesNotContainKey(GROUP);
			}
			Sample before = sampler.sample();
			assertThat(before.rows()).hasSize(6).allSatisfy((row) -> {
				assertThat(row.lag()).isEqualTo(10);
				assertThat(row.owner()).isEqualTo("-");
			});

			var threads = Executors.newFixedThreadPool(2);
			threads.submit(() -> consume(bootstrap, "consumer-a"));
			threads.submit(() -> consume(bootstrap, "consumer-b"));
			threads.shutdown();

			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
				Sample sample = sampler.sample();
				assertThat(sample.totalLag()).isZero();
				assertThat(sample.rows()).extracting(PartitionRow::owner)
					.allSatisfy((owner) -> assertThat(owner).isIn("consumer-a", "consumer-b"))
					.contains("consumer-a", "consumer-b");
				assertThat(sample.rows()).extracting(PartitionRow::committed).containsOnly(10L);
			});
			try (ConsumerLag lag = new ConsumerLag(bootstrap)) {
				assertThat(lag.byActiveGroup()).containsEntry(GROUP, 0L);
			}
		}
	}

	private void consume(String bootstrap, String clientId) {
		try (var consumer = new KafkaConsumer<String, String>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, GROUP,
						ConsumerConfig.CLIENT_ID_CONFIG, clientId, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			List<String> seen = new ArrayList<>();
			while (this.running.get()) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> seen.add(record.value()));
				consumer.commitSync();
			}
		}
		finally {
			this.stopped.countDown();
		}
	}

}
