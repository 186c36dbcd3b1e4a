package dslab.reliability.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionThroughputTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final PartitionThroughput throughput = new PartitionThroughput(this.meters);

	private final MockConsumer<Object, Object> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

	@Test
	void countsHandledRecordsPerPartition() {
		this.throughput.success(record(0), this.consumer);
		this.throughput.success(record(0), this.consumer);
		this.throughput.success(record(4), this.consumer);

		assertThat(processed(0)).isEqualTo(2);
		assertThat(processed(4)).isEqualTo(1);
	}

	@Test
	void doesNotCountARecordWhoseHandlingFailed() {
		this.throughput.failure(record(1), new IllegalStateException("boom"), this.consumer);

		assertThat(this.meters.find(PartitionThroughput.METER).counters()).isEmpty();
	}

	private double processed(int partition) {
		return this.meters.get(PartitionThroughput.METER)
			.tag("topic", "order-events")
			.tag("partition", String.valueOf(partition))
			.tag("group", this.consumer.groupMetadata().groupId())
			.counter()
			.count();
	}

	private static ConsumerRecord<Object, Object> record(int partition) {
		return new ConsumerRecord<>("order-events", partition, 7L, "order-1", "{}");
	}

}
