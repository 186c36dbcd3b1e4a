package dslab.reliability.kafka;

import java.time.Duration;

import dslab.reliability.outbox.OutboxSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The messaging policies of a service, in one place: how topics are created, how the
 * outbox is relayed, and how a failed event is retried before anything else happens.
 *
 * @param partitions partitions of every topic the service creates (at least 6)
 * @param replicationFactor replicas of every topic (1 for the one-broker local cluster)
 * @param minInsyncReplicas replicas that must hold a record before the broker
 * acknowledges it to a producer with {@code acks=all} (topic config
 * {@code min.insync.replicas}); 1 for the one-broker local cluster, 2 with three replicas
 * so that writes go on while one broker is down and an acknowledged record survives
 * losing one more; never more than the replication factor. Unset: 2, or the replication
 * factor if that is lower
 * @param outbox how the outbox relay polls and publishes
 * @param retry how a consumer retries an event whose handling failed
 * @param groupProtocol how consumer groups share partitions (docs/rebalancing.md):
 * {@code consumer}, KIP-848's protocol, where the broker assigns partitions and moves
 * only those that change owner, one heartbeat at a time, while every other partition
 * keeps being processed; or {@code classic}, the join/sync protocol, here with the
 * cooperative-sticky assignor
 * @param sessionTimeout with the {@code classic} protocol only: how long a consumer that
 * stopped heartbeating (killed, frozen) keeps its partitions; Kafka's 45 s default makes
 * a killed consumer stall its partitions for 45 s, 10 s still rides out a long GC pause
 * (heartbeats go every third of it). With the {@code consumer} protocol the broker sets
 * both ({@code group.consumer.session.timeout.ms} 10 s and
 * {@code group.consumer.heartbeat.interval.ms} 1 s in the local cluster and Compose), and
 * a client may not
 * @param maxPollRecords the most records one poll hands a listener
 * ({@code max.poll.records}, Kafka's default 500). A consumer gives up a revoked
 * partition only between polls, so one poll's work bounds how long a rebalance waits for
 * the member that must let go of a partition (and, where offsets are committed per poll,
 * as the SKU owners' batches do, how long progress stays invisible). With each event its
 * own database transaction (5 to 100 ms here, the high end on a starved CPU), 500 records
 * can hold a partition for tens of seconds after a consumer fell behind; 10 hold it for
 * about a second (docs/rebalancing.md)
 * @param maxPartitionFetch the most one fetch brings of one partition
 * ({@code max.partition.fetch.bytes}, Kafka's default 1 MiB). A consumer hands out the
 * fetched records of one partition until they are used up before it starts on the next
 * partition's, however small its polls: with 1 MiB, a member that takes over a partition
 * with a backlog works through up to a thousand of its events while its other partitions
 * wait. 16 KiB (one producer batch at {@code batch.size}'s default) is about 20 of these
 * events, so a member's partitions take turns; a larger record still comes whole
 */
@Validated
@ConfigurationProperties("lab.messaging")
public record MessagingProperties(@DefaultValue("6") @Min(6) int partitions,
		@DefaultValue("1") @Min(1) short replicationFactor, @Min(1) Integer minInsyncReplicas,
		@Valid @DefaultValue OutboxSettings outbox, @Valid @DefaultValue Retry retry,
		@DefaultValue("consumer") GroupProtocol groupProtocol, @DefaultValue("10s") Duration sessionTimeout,
		@DefaultValue("10") @Min(1) int maxPollRecords, @DefaultValue("16KB") DataSize maxPartitionFetch) {

	public MessagingProperties {
		minInsyncReplicas = (minInsyncReplicas != null) ? minInsyncReplicas : Math.min(2, replicationFactor);
	}

	/**
	 * Whether enough replicas exist to satisfy {@code minInsyncReplicas}: otherwise every
	 * {@code acks=all} write would fail with {@code NotEnoughReplicasException}.
	 * @return whether min.insync.replicas is at most the replication factor
	 */
	@AssertTrue(message = "lab.messaging.min-insync-replicas must not exceed lab.messaging.replication-factor")
	public boolean isMinInsyncReplicasWithinReplicationFactor() {
		return this.minInsyncReplicas <= this.replicationFactor;
	}

	/** Kafka's consumer group protocols ({@code group.protocol}). */
	public enum GroupProtocol {

		/** The join/sync protocol, with the cooperative-sticky assignor. */
		CLASSIC,

		/** KIP-848's consumer group protocol: the broker assigns, incrementally. */
		CONSUMER

	}

	/**
	 * Blocking retries of a failed event: exponential backoff, without limit, because
	 * every failure that reaches it may heal (a database or the payment provider coming
	 * back) and giving up would lose the event. Events that can never succeed skip it and
	 * go to the dead-letter topic ({@code <topic>.DLT}) at once.
	 *
	 * @param initialInterval the first pause
	 * @param multiplier growth of the pause per attempt
	 * @param maxInterval the longest pause
	 */
	public record Retry(@DefaultValue("200ms") Duration initialInterval, @DefaultValue("2.0") double multiplier,
			@DefaultValue("10s") Duration maxInterval) {
	}

}
