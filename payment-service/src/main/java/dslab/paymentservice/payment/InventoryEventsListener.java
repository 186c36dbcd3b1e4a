package dslab.paymentservice.payment;

import dslab.contracts.InventoryEvent;
import dslab.contracts.StockReserved;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Hands the inventory events this service acts on to the {@link PaymentFlow}. The same
 * listener reads the retry topics of {@link ChargeRedelivery}.
 */
@Component
class InventoryEventsListener {

	private final EnvelopeCodec codec;

	private final PaymentFlow flow;

	InventoryEventsListener(EnvelopeCodec codec, PaymentFlow flow) {
		this.codec = codec;
		this.flow = flow;
	}

	@KafkaListener(topics = InventoryEvent.TOPIC, groupId = PaymentFlow.CONSUMER)
	void on(ConsumerRecord<String, String> record) {
		EventEnvelope event = this.codec.decode(record.value());
		try (MDC.MDCCloseable ignored = MDC.putCloseable(Inbox.CORRELATION_ID, event.correlationId())) {
			switch (event.payload()) {
				case StockReserved reserved -> this.flow.on(reserved, event, record);
				// StockRejected: nothing was reserved, so there is nothing to charge.
				default -> {
				}
			}
		}
	}

}
