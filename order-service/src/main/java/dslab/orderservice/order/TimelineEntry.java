package dslab.orderservice.order;

import java.time.Instant;
import java.util.UUID;

import dslab.reliability.envelope.EventEnvelope;

/** One event in an order's history, as the order's timeline shows it. */
record TimelineEntry(UUID eventId, String type, Instant occurredAt, String producer, String detail) {

	static TimelineEntry of(EventEnvelope event, String detail) {
		return new TimelineEntry(event.eventId(), event.type(), event.occurredAt(), event.producer(), detail);
	}

}
