package dslab.reliability.kafka;

import java.util.Arrays;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Builds the topics a service creates at start, each with its dead-letter companion
 * ({@code <topic>.DLT}, same partition count so a record keeps its partition number
 * there), with the replication settings of {@link MessagingProperties} and unclean leader
 * election off.
 */
public class TopicDeclarations {

	/** The suffix of a topic's dead-letter topic. */
	public static final String DEAD_LETTER_SUFFIX = ".DLT";

	private final MessagingProperties properties;

	public TopicDeclarations(MessagingProperties properties) {
		this.properties = properties;
	}

	/**
	 * The topics with these names and their dead-letter topics, for a {@code NewTopics}
	 * bean.
	 */
	public KafkaAdmin.NewTopics declare(String... topics) {
		return new KafkaAdmin.NewTopics(Arrays.stream(topics)
			.flatMap((topic) -> Stream.of(topic, topic + DEAD_LETTER_SUFFIX))
			.map(this::topic)
			.toArray(NewTopic[]::new));
	}

	NewTopic topic(String name) {
		return TopicBuilder.name(name)
			.partitions(this.properties.partitions())
			.replicas(this.properties.replicationFactor())
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(this.properties.minInsyncReplicas()))
			.config(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false")
			.build();
	}

}
