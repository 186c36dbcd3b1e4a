package dslab.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

	@Test
	void sharedBrokerCreatesTopicsAndDeliversRecords() throws Exception {
		String bootstrap = KafkaBroker.shared();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic("broker-test", 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
			assertThat(
					admin.describeTopics(List.of("broker-test")).allTopicNames().get().get("broker-test").partitions())
				.hasSize(6);
		}
		try (var producer = new KafkaProducer<String, String>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>("broker-test", "k", "hello")).get(30, TimeUnit.SECONDS);
		}
		try (var consumer = new KafkaConsumer<String, String>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"broker-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("broker-test"));
			ConsumerRecords<String, String> records = ConsumerRecords.empty();
			for (int i = 0; i < 30 && records.isEmpty(); i++) {
				records = consumer.poll(Duration.ofSeconds(1));
			}
			assertThat(records).extracting((record) -> record.value()).containsExactly("hello");
		}
	}

}
