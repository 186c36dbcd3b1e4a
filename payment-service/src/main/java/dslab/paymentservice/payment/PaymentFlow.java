package dslab.paymentservice.payment;

import java.time.Clock;
import java.time.Instant;

import dslab.contracts.PaymentEvent;
import dslab.contracts.StockReserved;
import dslab.paymentservice.payment.ChargeAttempts.Failures;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.faults.CrashPoint;
import dslab.reliability.faults.Faults;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The payment step of the order saga, for an order whose stock is reserved:
 * <ol>
 * <li>if the order has a payment already, do nothing more (the inbox drops the
 * redelivery);</li>
 * <li>charge the provider, outside any database transaction, with the order's idempotency
 * key, as {@link ProviderPolicy} allows (time limit, breaker, budget, retries);</li>
 * <li>if no call got an answer: note the failed calls; give the order up (decline it,
 * "payment provider unavailable") when it has waited longer than
 * {@link RedeliverySettings#giveUpAfter()} and no call may have charged it; otherwise
 * fail the delivery, and the event comes back through a retry topic;</li>
 * <li>in one transaction with the inbox record: store the payment and append
 * {@code PaymentCaptured} or {@code PaymentDeclined} to the outbox.</li>
 * </ol>
 * While the provider's breaker is open the delivery fails with
 * {@link ProviderDownException} and waits in place; the idempotency key makes every retry
 * charge nothing twice.
 */
@Component
class PaymentFlow {

	static final String CONSUMER = "payment-service";

	static final String GIVEN_UP = "payment provider unavailable";

	private static final Logger logger = LoggerFactory.getLogger(PaymentFlow.class);

	private final Payments payments;

	private final ChargeAttempts attempts;

	private final ProviderPolicy provider;

	private final Inbox inbox;

	private final Outbox outbox;

	private final Faults faults;

	private final RedeliverySettings redelivery;

	private final Clock clock;

	private final MeterRegistry meters;

	PaymentFlow(Payments payments, ChargeAttempts attempts, ProviderPolicy provider, Inbox inbox, Outbox outbox,
			Faults faults, RedeliverySettings redelivery, MeterRegistry meters) {
		this.payments = payments;
		this.attempts = attempts;
		this.provider = provider;
		this.inbox = inbox;
		this.outbox = outbox;
		this.faults = faults;
		this.redelivery = redelivery;
		this.clock = Clock.systemUTC();
		this.meters = meters;
	}

	void on(StockReserved reserved, EventEnvelope event, ConsumerRecord<?, ?> record) {
		if (this.payments.existsFor(reserved.orderId())) {
			logger.info("Order {} has a payment already; not charging it again", reserved.orderId());
			this.inbox.handle(CONSUMER, record, event, (alreadyPaid) -> {
			});
			return;
		}
		ChargeOutcome outcome;
		try {
			outcome = this.provider.charge(reserved.orderId(), reserved.customerId(), reserved.total(),
					this.attempts.of(reserved.orderId()).reached() > 0);
		}
		catch (ChargeNotMadeException ex) {
			outcome = giveUpOrRetryLater(reserved, event, ex);
		}
		this.faults.crashPoint(CrashPoint.AFTER_CHARGE_BEFORE_RECORD);
		Payment payment = Payment.of(reserved, outcome);
		this.inbox.handle(CONSUMER, record, event, (cause) -> record(payment, cause));
	}

	private ChargeOutcome giveUpOrRetryLater(StockReserved reserved, EventEnvelope event,
			ChargeNotMadeException failure) {
		Failures failures = this.attempts.add(reserved.orderId(), failure);
		Instant deadline = event.occurredAt().plus(this.redelivery.giveUpAfter());
		if (failures.safeToGiveUp() && this.clock.instant().isAfter(deadline)) {
			logger.warn("Giving up on the charge of order {} after {} failed calls over {} s: {}", reserved.orderId(),
					failures.calls(), this.redelivery.giveUpAfter().toSeconds(), failure.getMessage());
			this.meters.counter("lab.payment.given.up").increment();
			return new ChargeOutcome.Declined(null,
					GIVEN_UP + " (" + failures.calls() + " calls failed, none charged)");
		}
		throw failure;
	}

	private void record(Payment payment, EventEnvelope cause) {
		// Another delivery of the order's reservation may have stored a payment
		// meanwhile: then that one stands, and its event has been appended already.
		if (!this.payments.insertIfAbsent(payment)) {
			return;
		}
		PaymentEvent event = payment.event();
		this.outbox.append(event.topic(), event, event.key(), cause.correlationId(), cause);
		logger.info("Payment {} of order {} {}{}", payment.paymentId(), payment.orderId(), payment.status(),
				(payment.reason() != null) ? ": " + payment.reason() : "");
	}

}
