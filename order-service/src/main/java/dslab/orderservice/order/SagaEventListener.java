package dslab.orderservice.order;

import dslab.contracts.InventoryEvent;
import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.PaymentEvent;
import dslab.contracts.StockRejected;
import dslab.contracts.StockReserved;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds inventory and payment events to the saga, each at most once. */
@Component
class SagaEventListener {

	static final String CONSUMER = "order-service";

	private final EnvelopeCodec codec;

	private final Inbox inbox;

	private final OrderSaga saga;

	SagaEventListener(EnvelopeCodec codec, Inbox inbox, OrderSaga saga) {
		this.codec = codec;
		this.inbox = inbox;
		this.saga = saga;
	}

	@KafkaListener(topics = { InventoryEvent.TOPIC, PaymentEvent.TOPIC }, groupId = CONSUMER)
	void on(ConsumerRecord<String, String> record) {
		EventEnvelope envelope = this.codec.decode(record.value());
		this.inbox.handle(CONSUMER, record, envelope, (event) -> {
			switch (event.payload()) {
				case StockReserved e -> this.saga.on(e, event);
				case StockRejected e -> this.saga.on(e, event);
				case PaymentCaptured e -> this.saga.on(e, event);
				case PaymentDeclined e -> this.saga.on(e, event);
				default -> {
				}
			}
		});
	}

}
