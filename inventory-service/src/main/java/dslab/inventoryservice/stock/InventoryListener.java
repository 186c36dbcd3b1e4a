package dslab.inventoryservice.stock;

import dslab.contracts.OrderEvent;
import dslab.contracts.OrderPlaced;
import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.PaymentEvent;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Hands the saga events the inventory cares about to {@link InventoryFlow}, once each.
 */
@Component
class InventoryListener {

	private final EnvelopeCodec codec;

	private final Inbox inbox;

	private final InventoryFlow flow;

	InventoryListener(EnvelopeCodec codec, Inbox inbox, InventoryFlow flow) {
		this.codec = codec;
		this.inbox = inbox;
		this.flow = flow;
	}

	@KafkaListener(topics = { OrderEvent.TOPIC, PaymentEvent.TOPIC }, groupId = InventoryFlow.CONSUMER)
	void on(ConsumerRecord<String, String> record) {
		EventEnvelope envelope = this.codec.decode(record.value());
		this.inbox.handle(InventoryFlow.CONSUMER, envelope, (event) -> {
			switch (event.payload()) {
				case OrderPlaced order -> this.flow.reserveStock(order, event);
				case PaymentCaptured payment -> this.flow.sellReservedStock(payment);
				case PaymentDeclined payment -> this.flow.releaseReservedStock(payment);
				default -> {
				}
			}
		});
	}

}
