package dslab.drill.partitions;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Samples a consumer group's partitions through Kafka's AdminClient: per partition the
 * owner, end offset, committed offset, lag, and the rate at which the group commits
 * (records/s since the previous sample). {@code ./drill watch} prints it; drills measure
 * rebalance pauses and hot partitions with it.
 *
 * <pre>
 * try (PartitionSampler sampler = new PartitionSampler("localhost:9092", "inventory-service", Set.of())) {
 *     Sample sample = sampler.sample(); // rates are 0 the first time
 *     sample.rows().forEach(System.out::println);
 * }
 * </pre>
 *
 * One instance is meant for one thread.
 */
public final class PartitionSampler implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Admin admin;

	private final String group;

	private final Set<String> topics;

	private Offsets previous;

	/**
	 * @param bootstrapServers Kafka to ask
	 * @param group the consumer group
	 * @param topics the topics to show; empty for every topic the group has committed or
	 * been assigned
	 */
	public PartitionSampler(String bootstrapServers, String group, Collection<String> topics) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.CLIENT_ID_CONFIG, "dslab-partition-sampler",
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
		this.group = group;
		this.topics = Set.copyOf(topics);
	}

	public String group() {
		return this.group;
	}

	/**
	 * Reads the group's offsets now and compares them with the previous sample.
	 * @throws IllegalStateException if Kafka does not answer within 5 s
	 */
	public Sample sample() {
		Offsets current = read();
		Sample sample = compare(this.previous, current);
		this.previous = current;
		return sample;
	}

	/** Reads the group's offsets now, without touching the previous sample. */
	public Offsets read() {
		try {
			// Committed offsets first, end offsets after: so the lag is never negative.
			Map<TopicPartition, Long> committed = this.admin.listConsumerGroupOffsets(this.group)
				.partitionsToOffsetAndMetadata()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() != null && shown(entry.getKey().topic()))
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> offset(entry.getValue())));
			Instant at = Instant.now();
			Map<TopicPartition, String> owners = owners();
			Set<String> topicNames = new TreeSet<>(this.topics);
			committed.keySet().forEach((partition) -> topicNames.add(partition.topic()));
			owners.keySet().forEach((partition) -> topicNames.add(partition.topic()));
			Map<TopicPartition, Long> ends = endOffsets(topicNames);
			return new Offsets(at, ends, committed, owners);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not tell the offsets of group " + this.group + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * The rows of {@code current}, with rates from the committed offsets' growth since
	 * {@code previous} (0 where there is no previous sample, or an offset went back).
	 */
	public static Sample compare(Offsets previous, Offsets current) {
		double seconds = (previous != null) ? Duration.between(previous.at(), current.at()).toNanos() / 1e9 : 0;
		List<PartitionRow> rows = current.endOffsets()
			.keySet()
			.stream()
			.sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
			.map((partition) -> {
				long committed = current.committed().getOrDefault(partition, -1L);
				double rate = 0;
				if (seconds > 0 && committed >= 0) {
					long before = previous.committed().getOrDefault(partition, committed);
					rate = Math.max(0, committed - before) / seconds;
				}
				return new PartitionRow(partition.topic(), partition.partition(),
						current.owners().getOrDefault(partition, "-"), current.endOffsets().get(partition), committed,
						current.lag(partition), rate);
			})
			.toList();
		return new Sample(current.at(), rows);
	}

	private boolean shown(String topic) {
		return this.topics.isEmpty() || this.topics.contains(topic);
	}

	private Map<TopicPartition, String> owners() throws InterruptedException, ExecutionException, TimeoutException {
		ConsumerGroupDescription description;
		try {
			description = this.admin.describeConsumerGroups(List.of(this.group))
				.describedGroups()
				.get(this.group)
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof GroupIdNotFoundException) {
				return Map.of(); // no member has joined yet
			}
			throw ex;
		}
		Map<TopicPartition, String> owners = new HashMap<>();
		for (MemberDescription member : description.members()) {
			for (TopicPartition partition : member.assignment().topicPartitions()) {
				if (shown(partition.topic())) {
					owners.put(partition, owner(member));
				}
			}
		}
		return owners;
	}

	/** The member's client id, and its host unless it runs on this machine. */
	static String owner(MemberDescription member) {
		String host = member.host().startsWith("/") ? member.host().substring(1) : member.host();
		return isLocal(host) ? member.clientId() : member.clientId() + "@" + host;
	}

	private static boolean isLocal(String host) {
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return false;
		}
	}

	private Map<TopicPartition, Long> endOffsets(Set<String> topicNames)
			throws InterruptedException, ExecutionException, TimeoutException {
		if (topicNames.isEmpty()) {
			return Map.of();
		}
		Map<String, TopicDescription> described = this.admin.describeTopics(topicNames)
			.allTopicNames()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		described.values()
			.forEach((topic) -> topic.partitions()
				.forEach(
						(info) -> latest.put(new TopicPartition(topic.name(), info.partition()), OffsetSpec.latest())));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = this.admin.listOffsets(latest)
			.all()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return ends.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	private static long offset(OffsetAndMetadata committed) {
		return committed.offset();
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
