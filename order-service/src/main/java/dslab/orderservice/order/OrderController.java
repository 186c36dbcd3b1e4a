package dslab.orderservice.order;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

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

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private static final int LIST_LIMIT = 100;

	private final OrderSaga saga;

	private final OrderRepository orders;

	OrderController(OrderSaga saga, OrderRepository orders) {
		this.saga = saga;
		this.orders = orders;
	}

	@PostMapping
	ResponseEntity<OrderAccepted> place(
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@Valid @RequestBody PlaceOrderRequest request) {
		// Checked here, not by a constraint on the parameter: that would switch Spring
		// MVC
		// to method validation and change the shape of the body's field errors.
		if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
			throw badRequest("The Idempotency-Key header must be 1 to 100 characters of A-Z, a-z, 0-9, '.', '_', ':'"
					+ " or '-'.");
		}
		List<String> repeated = request.repeatedSkus();
		if (!repeated.isEmpty()) {
			throw badRequest("Each SKU may appear on one line of an order only; repeated: "
					+ String.join(", ", repeated) + ". Put its whole quantity on one line.");
		}
		Order order = this.saga.place(request.customerId(), request.orderLines(), idempotencyKey);
		return ResponseEntity.accepted()
			.location(URI.create("/api/orders/" + order.id()))
			.body(new OrderAccepted(order.id().value(), order.status()));
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
