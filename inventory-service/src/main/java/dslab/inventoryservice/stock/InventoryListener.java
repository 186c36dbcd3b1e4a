package dslab.inventoryservice.stock;

import java.util.List;

import dslab.contracts.OrderEvent;
import dslab.contracts.OrderPlaced;
import dslab.contracts.PaymentCaptured;
import dslab.contracts.PaymentDeclined;
import dslab.contracts.PaymentEvent;
import dslab.inventoryservice.stock.StockMovement.ReleaseLine;
import dslab.inventoryservice.stock.StockMovement.ReserveLine;
import dslab.inventoryservice.stock.StockMovement.SellLine;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Hands each of the inventory's three consumers its events, once each, through the inbox:
 * the splitter (saga events), the SKUs' owners (stock movements) and the joiner (line
 * outcomes). Each is its own consumer group, so Kafka spreads each topic's partitions
 * over the instances independently.
 */
@Component
class InventoryListener {

	private final EnvelopeCodec codec;

	private final Inbox inbox;

	private final InventoryFlow flow;

	private final StockMovementBatches batches;

	InventoryListener(EnvelopeCodec codec, Inbox inbox, InventoryFlow flow, StockMovementBatches batches) {
		this.codec = codec;
		this.inbox = inbox;
		this.flow = flow;
		this.batches = batches;
	}

	// The splitter reads two topics in one group, with a container (and consumers) for
	// each: a consumer hands out what it fetched one partition at a time, so with both
	// topics in one consumer a backlog of orders would hold up the payments behind it
	// (docs/rebalancing.md).
	@KafkaListener(topics = OrderEvent.TOPIC, groupId = InventoryFlow.CONSUMER)
	void onOrderEvent(ConsumerRecord<String, String> record) {
		onSagaEvent(record);
	}

	@KafkaListener(topics = PaymentEvent.TOPIC, groupId = InventoryFlow.CONSUMER)
	void onPaymentEvent(ConsumerRecord<String, String> record) {
		onSagaEvent(record);
	}

	private void onSagaEvent(ConsumerRecord<String, String> record) {
		this.inbox.handle(InventoryFlow.CONSUMER, record, this.codec.decode(record.value()), (event) -> {
			switch (event.payload()) {
				case OrderPlaced order -> this.flow.splitOrder(order, event);
				case PaymentCaptured payment -> this.flow.sellOrder(payment, event);
				case PaymentDeclined payment -> this.flow.releaseOrder(payment, event);
				default -> {
				}
			}
		});
	}

	// Topics as literals (StockMovement.TOPIC, LineOutcome.TOPIC): the deployment module
	// reads each listener's topics from the source, and resolves only literals and
	// imported constants. A batch listener: a hot SKU's owner commits once per batch
	// (StockMovementBatches).
	@KafkaListener(topics = "stock-movements", groupId = InventoryFlow.STOCK_OWNER,
			containerFactory = StockMovementsConsumer.CONTAINER_FACTORY)
	void onStockMovements(List<ConsumerRecord<String, String>> records) {
		this.inbox.handleBatch(InventoryFlow.STOCK_OWNER, records, this.codec::decode, (event) -> {
			switch (event.payload()) {
				case ReserveLine line -> this.flow.reserveLine(line, event);
				case SellLine line -> this.flow.sellLine(line);
				case ReleaseLine line -> this.flow.releaseLine(line);
				default -> {
				}
			}
		}, this.batches.enabled());
	}

	@KafkaListener(topics = "stock-line-outcomes", groupId = InventoryFlow.JOINER)
	void onLineOutcome(ConsumerRecord<String, String> record) {
		EventEnvelope envelope = this.codec.decode(record.value());
		this.inbox.handle(InventoryFlow.JOINER, record, envelope, (event) -> {
			if (event.payload() instanceof LineOutcome answer) {
				this.flow.joinAnswer(answer, event);
			}
		});
	}

}
