package dslab.drill.partitions;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of every consumer group that has members: records written to a partition it
 * reads and not yet committed. A lab is quiet only when this is zero everywhere: an order
 * can be finished in order-service while inventory-service has yet to consume the same
 * {@code PaymentCaptured}.
 */
public final class ConsumerLag implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Admin admin;

	public ConsumerLag(String bootstrapServers) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.CLIENT_ID_CONFIG, "dslab-consumer-lag", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				(int) TIMEOUT.toMillis(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
	}

	/**
	 * Each consumer group with members and its total lag; groups without members (left
	 * over by tools or earlier runs) are not waited for.
	 * @throws IllegalStateException if Kafka does not answer within 5 s
	 */
	public Map<String, Long> byActiveGroup() {
		try {
			Map<String, Long> lag = new TreeMap<>();
			for (GroupListing group : this.admin.listGroups(ListGroupsOptions.forConsumerGroups())
				.all()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				if (group.groupState()
					.filter((state) -> state != GroupState.EMPTY && state != GroupState.DEAD)
					.isPresent()) {
					lag.put(group.groupId(), lag(group.groupId()));
				}
			}
			return lag;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not tell the consumer groups' lag: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/** Whether every group with members has committed everything written. */
	public boolean caughtUp() {
		return byActiveGroup().values().stream().allMatch((lag) -> lag == 0);
	}

	private long lag(String group) throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		committed.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		if (latest.isEmpty()) {
			return 0;
		}
		long lag = 0;
		for (var end : this.admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet()) {
			OffsetAndMetadata at = committed.get(end.getKey());
			lag += Math.max(0, end.getValue().offset() - ((at != null) ? at.offset() : 0));
		}
		return lag;
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
