package dslab.reliability.kafka;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The topics a service declares, with the replication settings of its properties. */
class TopicDeclarationsTest {

	private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void declaresTopicsWithTheReplicationSettingsAndUncleanElectionOff() {
		TopicDeclarations declarations = new TopicDeclarations(properties((short) 3, 2));
		List<NewTopic> topics = List.of(declarations.topic("order-events"), declarations.topic("order-events.DLT"));

		assertThat(topics).allSatisfy((topic) -> {
			assertThat(topic.numPartitions()).isEqualTo(6);
			assertThat(topic.replicationFactor()).isEqualTo((short) 3);
			assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
				.containsEntry(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
		});
	}

	@Test
	void minInsyncReplicasDefaultsToTwoOrTheReplicationFactorIfLower() {
		assertThat(properties((short) 1, null).minInsyncReplicas()).isEqualTo(1);
		assertThat(properties((short) 3, null).minInsyncReplicas()).isEqualTo(2);
	}

	@Test
	void minInsyncReplicasAboveTheReplicationFactorIsInvalid() {
		assertThat(this.validator.validate(properties((short) 1, 2))).extracting((violation) -> violation.getMessage())
			.containsExactly("lab.messaging.min-insync-replicas must not exceed lab.messaging.replication-factor");
		assertThat(this.validator.validate(properties((short) 3, 2))).isEmpty();
	}

	private static MessagingProperties properties(short replicationFactor, Integer minInsyncReplicas) {
		return new MessagingProperties(6, replicationFactor, minInsyncReplicas, null,
				new MessagingProperties.Retry(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10)),
				MessagingProperties.GroupProtocol.CONSUMER, Duration.ofSeconds(10), 10, DataSize.ofKilobytes(16));
	}

}
