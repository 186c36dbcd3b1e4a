package dslab.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dslab.cluster.KafkaBroker;
import dslab.reliability.kafka.MessagingProperties;
import dslab.reliability.kafka.MessagingProperties.GroupProtocol;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer settings of each group protocol are ones a real client accepts and a real
 * broker serves: the consumer protocol refuses a client-side session timeout or assignor.
 */
class ConsumerGroupProtocolTest {

	private static final String TOPIC = "group-protocol-test";

	@BeforeAll
	static void createTopic() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared()))) {
			if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
				admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(GroupProtocol.class)
	void joinsAGroupWithTheChosenProtocol(GroupProtocol protocol) {
		Map<String, Object> configs = new HashMap<>(ReliabilityAutoConfiguration.consumerConfigs(properties(protocol)));
		configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared());
		configs.put(ConsumerConfig.GROUP_ID_CONFIG, "protocol-test-" + protocol);
		try (var consumer = new KafkaConsumer<>(configs, new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200));
				assertThat(consumer.assignment()).isNotEmpty();
			});
		}
	}

	@ParameterizedTest
	@EnumSource(GroupProtocol.class)
	void setsSmallPollsAndTimeoutsAndAssignorOnTheClientOnlyForTheClassicProtocol(GroupProtocol protocol) {
		Map<String, Object> configs = ReliabilityAutoConfiguration.consumerConfigs(properties(protocol));

		assertThat(configs)
			.containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol.name().toLowerCase(java.util.Locale.ROOT))
			.containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10)
			.containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
		if (protocol == GroupProtocol.CLASSIC) {
			assertThat(configs).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
				.containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
						CooperativeStickyAssignor.class.getName());
		}
		else {
			assertThat(configs).doesNotContainKeys(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
					ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
		}
	}

	private static MessagingProperties properties(GroupProtocol protocol) {
		return new MessagingProperties(6, (short) 1, 1, null,
				new MessagingProperties.Retry(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10)), protocol,
				Duration.ofSeconds(10), 10, DataSize.ofKilobytes(16));
	}

}
