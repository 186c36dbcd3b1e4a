package dslab.reliability.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Counts the records each listener handled, per topic and partition
 * ({@code lab_kafka_records_processed_total{group,topic,partition}}): Kafka's client
 * metrics give lag per partition but throughput per topic only, and a hot partition or a
 * stalled one after a rebalance shows only per partition. Summed over a service's
 * instances it is the partition's throughput wherever the partition moves.
 */
public final class PartitionThroughput implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

	static final String METER = "lab.kafka.records.processed";

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	public PartitionThroughput(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		return record;
	}

	@Override
	public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
			Consumer<Object, Object> consumer) {
		return records;
	}

	/** A batch listener's records, counted when the whole batch succeeded. */
	@Override
	public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
		records.forEach((record) -> success(record, consumer));
	}

	@Override
	public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		String group = consumer.groupMetadata().groupId();
		this.counters
			.computeIfAbsent(group + '|' + record.topic() + '|' + record.partition(),
					(key) -> Counter.builder(METER)
						.description("Records a listener handled successfully, per partition")
						.tag("group", group)
						.tag("topic", record.topic())
						.tag("partition", String.valueOf(record.partition()))
						.register(this.meters))
			.increment();
	}

}
