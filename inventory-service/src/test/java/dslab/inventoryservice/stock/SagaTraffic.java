package dslab.inventoryservice.stock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dslab.contracts.InventoryEvent;
import dslab.contracts.SagaEvent;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * The service's neighbours in the saga, as a test sees them: sends order and payment
 * events as order-service and payment-service would, and reads what the service published
 * on {@code inventory-events} with a plain consumer of its own.
 */
final class SagaTraffic implements AutoCloseable {

	private final KafkaTemplate<String, String> kafka;

	private final EnvelopeCodec codec;

	private final KafkaConsumer<String, String> consumer;

	private final List<EventEnvelope> received = new ArrayList<>();

	SagaTraffic(KafkaTemplate<String, String> kafka, EnvelopeCodec codec, String bootstrapServers) {
		this.kafka = kafka;
		this.codec = codec;
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(InventoryEvent.TOPIC));
	}

	/** Wraps the event in a new envelope and publishes it to its topic. */
	EventEnvelope send(SagaEvent event) {
		EventEnvelope envelope = this.codec.wrap(event, event.key(), event.orderId().toString(), null);
		send(envelope);
		return envelope;
	}

	/** Publishes an envelope as it is: sending one twice is a redelivery. */
	void send(EventEnvelope envelope) {
		SagaEvent event = (SagaEvent) envelope.payload();
		try {
			this.kafka.send(event.topic(), envelope.key(), this.codec.encode(envelope)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish " + envelope.type(), ex);
		}
	}

	/**
	 * Publishes the events without waiting in between, so they land on different
	 * partitions at once and the service's consumer threads handle them concurrently.
	 */
	void sendAll(List<? extends SagaEvent> events) {
		CompletableFuture<?>[] sends = events.stream()
			.map((event) -> this.kafka.send(event.topic(), event.key(),
					this.codec.encode(this.codec.wrap(event, event.key(), event.orderId().toString(), null))))
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(sends).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish " + events.size() + " events", ex);
		}
	}

	/** What inventory-service published about the order so far, in order. */
	List<EventEnvelope> publishedFor(UUID orderId) {
		for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
			this.received.add(this.codec.decode(record.value()));
		}
		return this.received.stream().filter((envelope) -> envelope.key().equals(orderId.toString())).toList();
	}

	/** The payloads of {@link #publishedFor(UUID)}. */
	List<Object> eventsFor(UUID orderId) {
		return publishedFor(orderId).stream().map(EventEnvelope::payload).toList();
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
