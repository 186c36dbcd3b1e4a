package dslab.contracts;

/** Events published by payment-service. */
public sealed interface PaymentEvent extends SagaEvent permits PaymentCaptured, PaymentDeclined {

	String TOPIC = "payment-events";

}
