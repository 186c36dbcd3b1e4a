package dslab.paymentservice.payment;

import java.util.List;
import java.util.UUID;

import dslab.reliability.inbox.Inbox;
import org.slf4j.MDC;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads an order's payment: {@code GET /api/payments?orderId=<uuid>}. */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

	private final Payments payments;

	PaymentController(Payments payments) {
		this.payments = payments;
	}

	/** The order's payments: one, or none yet. */
	@GetMapping
	List<Payment> ofOrder(@RequestParam UUID orderId) {
		try (MDC.MDCCloseable ignored = MDC.putCloseable(Inbox.CORRELATION_ID, orderId.toString())) {
			return this.payments.ofOrder(orderId);
		}
	}

}
