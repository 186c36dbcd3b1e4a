package dslab.inventoryservice.stock;

import java.util.List;
import java.util.UUID;

import dslab.contracts.OrderLine;
import dslab.contracts.OrderPlaced;
import dslab.contracts.SagaEvent;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.envelope.MalformedEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Events the inventory consumes that break the saga's contract are refused as they are
 * decoded, so the listener dead-letters them at once instead of acting on them or
 * retrying them for ever.
 */
class PoisonEventsTest {

	private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build(),
			new EventCatalog(SagaEvent.TYPES, SagaEvent.SCHEMA_VERSION, SagaEvent.TOPICS), "order-service");

	private final String valid = this.codec.encode(this.codec.wrap(
			new OrderPlaced(UUID.fromString("00000000-0000-0000-0000-000000000001"), "c-1",
					List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1))),
			"00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000001", null));

	@Test
	void decodesAnOrderThatKeepsTheContract() {
		assertThat(this.codec.decode(this.valid).payloadAs(OrderPlaced.class).lines()).hasSize(2);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					no lines                 | "lines":[{"sku":"SKU-1","quantity":2},{"sku":"SKU-2","quantity":1}] | "lines":[]                                                     | Invalid OrderPlaced: lines must not be empty
					lines missing            | ,"lines":[{"sku":"SKU-1","quantity":2},{"sku":"SKU-2","quantity":1}] |                                                                | Invalid OrderPlaced: lines must not be empty
					zero quantity            | "quantity":2                                                         | "quantity":0                                                   | Invalid OrderPlaced: quantity must be positive
					negative quantity        | "quantity":2                                                         | "quantity":-3                                                  | Invalid OrderPlaced: quantity must be positive
					fractional quantity      | "quantity":2                                                         | "quantity":1.5                                                 | Cannot decode event
					quantity not a number    | "quantity":2                                                         | "quantity":"two"                                               | Cannot decode event
					no order id              | "orderId":"00000000-0000-0000-0000-000000000001",                     |                                                                | Invalid OrderPlaced: orderId is missing
					order id not a UUID      | "orderId":"00000000-0000-0000-0000-000000000001"                      | "orderId":"order-1"                                            | Cannot decode event
					blank customer           | "customerId":"c-1"                                                   | "customerId":" "                                               | Invalid OrderPlaced: customerId must not be blank
					a SKU on two lines       | "sku":"SKU-2"                                                        | "sku":"SKU-1"                                                  | Invalid OrderPlaced: lines name SKU-1 twice
					a null line              | {"sku":"SKU-2","quantity":1}                                         | null                                                           | Invalid OrderPlaced: lines must not hold null
					blank SKU                | "sku":"SKU-2"                                                        | "sku":""                                                       | Invalid OrderPlaced: sku must not be blank
					""")
	void refusesAnOrderThatBreaksTheContract(String broken, String part, String replacement, String message) {
		String value = this.valid.replace(part, (replacement != null) ? replacement : "");
		assertThat(value).as("the test changes the event").isNotEqualTo(this.valid);

		assertThatExceptionOfType(MalformedEventException.class).isThrownBy(() -> this.codec.decode(value))
			.withMessageStartingWith(message);
	}

	@Test
	void refusesAPaymentWithoutItsOrder() {
		String captured = """
				{"eventId":"%s","type":"PaymentCaptured","schemaVersion":1,"key":"k","occurredAt":"2026-01-01T00:00:00Z",
				"correlationId":"k","producer":"payment-service",
				"payload":{"paymentId":"%s","amount":10.00,"chargeId":"ch_1"}}"""
			.formatted(UUID.randomUUID(), UUID.randomUUID());

		assertThatExceptionOfType(MalformedEventException.class).isThrownBy(() -> this.codec.decode(captured))
			.withMessage("Invalid PaymentCaptured: orderId is missing");
	}

}
