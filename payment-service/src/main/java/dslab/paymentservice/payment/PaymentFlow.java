package dslab.paymentservice.payment;

import dslab.contracts.PaymentEvent;
import dslab.contracts.StockReserved;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.faults.CrashPoint;
import dslab.reliability.faults.Faults;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The payment step of the order saga, for an order whose stock is reserved:
 * <ol>
 * <li>if the order has a payment already, do nothing more (the inbox drops the
 * redelivery);</li>
 * <li>charge the provider, outside any database transaction, with the order's idempotency
 * key;</li>
 * <li>in one transaction with the inbox record: store the payment and append
 * {@code PaymentCaptured} or {@code PaymentDeclined} to the outbox.</li>
 * </ol>
 * A provider that does not answer fails the step before anything is stored; the event is
 * retried, and the idempotency key makes the retry charge nothing twice.
 */
@Component
class PaymentFlow {

	static final String CONSUMER = "payment-service";

	private static final Logger logger = LoggerFactory.getLogger(PaymentFlow.class);

	private final Payments payments;

	private final PaymentProvider provider;

	private final Inbox inbox;

	private final Outbox outbox;

	private final Faults faults;

	PaymentFlow(Payments payments, PaymentProvider provider, Inbox inbox, Outbox outbox, Faults faults) {
		this.payments = payments;
		this.provider = provider;
		this.inbox = inbox;
		this.outbox = outbox;
		this.faults = faults;
	}

	void on(StockReserved reserved, EventEnvelope event) {
		if (this.payments.existsFor(reserved.orderId())) {
			logger.info("Order {} has a payment already; not charging it again", reserved.orderId());
			this.inbox.handle(CONSUMER, event, (alreadyPaid) -> {
			});
			return;
		}
		ChargeOutcome outcome = this.provider.charge(reserved.orderId(), reserved.customerId(), reserved.total());
		this.faults.crashPoint(CrashPoint.AFTER_CHARGE_BEFORE_RECORD);
		Payment payment = Payment.of(reserved, outcome);
		this.inbox.handle(CONSUMER, event, (cause) -> record(payment, cause));
	}

	private void record(Payment payment, EventEnvelope cause) {
		// Another delivery of the order's reservation may have stored a payment
		// meanwhile:
		// then that one stands, and its event has been appended already.
		if (!this.payments.insertIfAbsent(payment)) {
			return;
		}
		PaymentEvent event = payment.event();
		this.outbox.append(event.topic(), event, event.key(), cause.correlationId(), cause);
		logger.info("Payment {} of order {} {}{}", payment.paymentId(), payment.orderId(), payment.status(),
				(payment.reason() != null) ? ": " + payment.reason() : "");
	}

}
