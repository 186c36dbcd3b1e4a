package dslab.orderservice.order;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dslab.reliability.idempotency.IdempotentRequest;
import dslab.reliability.idempotency.IdempotentRequests;
import dslab.reliability.inbox.Inbox;
import jakarta.validation.Valid;
import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The orders API: place an order, show one, list a customer's. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

	private static final int LIST_LIMIT = 100;

	private final OrderSaga saga;

	private final OrderRepository orders;

	private final IdempotentRequests idempotentRequests;

	OrderController(OrderSaga saga, OrderRepository orders, IdempotentRequests idempotentRequests) {
		this.saga = saga;
		this.orders = orders;
		this.idempotentRequests = idempotentRequests;
	}

	/**
	 * Places an order once per Idempotency-Key of the customer: a retry gets the first
	 * answer again (see {@link IdempotentRequests}).
	 */
	@PostMapping
	ResponseEntity<String> place(@RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
			@Valid @RequestBody PlaceOrderRequest request) {
		IdempotentRequest idempotent = new IdempotentRequest("customer:" + request.customerId(), key,
				"POST /api/orders", request.canonical());
		return this.idempotentRequests.execute(idempotent, () -> {
			try {
				Order order = this.saga.place(request.customerId(), request.orderLines(), key);
				return ResponseEntity.accepted()
					.location(URI.create("/api/orders/" + order.id()))
					.body(new OrderAccepted(order.id().value(), order.status()));
			}
			catch (OrderRefused refused) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
						refused.getMessage());
				problem.setType(URI.create("urn:dslab:problem:order-refused"));
				problem.setTitle("Order refused");
				throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, refused);
			}
		});
	}

	@GetMapping("/{id}")
	OrderDetails get(@PathVariable UUID id) {
		try (MDC.MDCCloseable ignored = MDC.putCloseable(Inbox.CORRELATION_ID, id.toString())) {
			return this.orders.findDetails(new OrderId(id))
				.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
						ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no order " + id + "."), null));
		}
	}

	@GetMapping
	List<OrderSummary> list(@RequestParam(required = false) String customerId) {
		if (customerId == null || customerId.isBlank()) {
			throw badRequest("The query parameter customerId is required, e.g. /api/orders?customerId=c-1.");
		}
		return this.orders.findByCustomer(customerId, LIST_LIMIT);
	}

	private static ErrorResponseException badRequest(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

}
