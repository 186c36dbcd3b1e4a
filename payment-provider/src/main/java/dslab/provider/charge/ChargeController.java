package dslab.provider.charge;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dslab.provider.charge.ChargeService.ChargeResult;
import dslab.reliability.faults.CrashPoint;
import dslab.reliability.faults.Faults;
import dslab.reliability.faults.Operation;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.slf4j.MDC;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider's HTTP API: {@code POST /charges} with an {@code Idempotency-Key}, and the
 * ledger.
 */
@RestController
@RequestMapping("/charges")
class ChargeController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	/** What a charge refused for capacity asks of its caller: come back in a second. */
	static final String RETRY_AFTER_SECONDS = "1";

	static final URI AT_CAPACITY = URI.create("urn:dslab:problem:provider-at-capacity");

	private final ChargeService charges;

	private final Bulkhead capacity;

	private final Faults faults;

	private final MeterRegistry meters;

	private final Counter refusedForCapacity;

	ChargeController(ChargeService charges, Bulkhead capacity, Faults faults, MeterRegistry meters) {
		this.charges = charges;
		this.capacity = capacity;
		this.faults = faults;
		this.meters = meters;
		// Registered now, so a scrape shows 0 rather than nothing before the first
		// refusal.
		this.refusedForCapacity = Counter.builder("lab.provider.rejected")
			.description("Charges refused without any work")
			.tag("reason", "capacity")
			.register(meters);
	}

	/**
	 * 201 with a receipt when captured, 402 problem when declined; a replay answers the
	 * same, with {@code Idempotent-Replayed: true}; 503 at once, before any work, when
	 * {@code lab.provider.max-concurrent-charges} charges are in progress. The fault
	 * hooks of the {@code charge} operation surround it: latency, errors and freezes
	 * before (within the capacity, as the provider's own slowness), a crash point and
	 * dropped replies once the answer is stored (outside it: the work is done, the
	 * network loses the reply).
	 */
	@PostMapping
	ResponseEntity<Object> charge(@RequestHeader(IDEMPOTENCY_KEY) @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
			message = "must be 1 to 100 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'") String idempotencyKey,
			@Valid @RequestBody ChargeRequest request) {
		try (MDC.MDCCloseable ignored = MDC.putCloseable("correlationId", request.orderId().toString())) {
			ChargeResult result = this.capacity.executeSupplier(() -> {
				this.faults.inject(Operation.CHARGE);
				return this.charges.charge(idempotencyKey, request);
			});
			this.meters
				.counter("lab.provider.charges", "status", result.charge().status().name().toLowerCase(Locale.ROOT),
						"replayed", String.valueOf(result.replayed()))
				.increment();
			this.faults.crashPoint(CrashPoint.AFTER_CHARGE_BEFORE_REPLY);
			this.faults.beforeReply(Operation.CHARGE);
			Charge charge = result.charge();
			HttpHeaders headers = new HttpHeaders();
			if (result.replayed()) {
				headers.set(REPLAYED, "true");
			}
			return switch (charge.status()) {
				case CAPTURED -> ResponseEntity.status(HttpStatus.CREATED).headers(headers).body(Receipt.of(charge));
				case DECLINED -> ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED)
					.headers(headers)
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(declined(charge));
			};
		}
	}

	/**
	 * The ledger, newest first; only the order's charges when {@code orderId} is given.
	 */
	@GetMapping
	List<LedgerEntry> ledger(@RequestParam(required = false) UUID orderId) {
		List<Charge> found = (orderId != null) ? this.charges.ofOrder(orderId) : this.charges.ledger();
		return found.stream().map(LedgerEntry::of).toList();
	}

	@ExceptionHandler
	ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Idempotency key reused");
		return problem;
	}

	/**
	 * 503 problem+json with {@code Retry-After}, without touching the database; counted
	 * as {@code lab.provider.rejected{reason=capacity}} and not logged one by one, since
	 * a storm of them would drown the log.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> atCapacity(BulkheadFullException ex) {
		this.refusedForCapacity.increment();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The provider is working on its limit of " + this.capacity.getBulkheadConfig().getMaxConcurrentCalls()
						+ " charges at once; retry later.");
		problem.setType(AT_CAPACITY);
		problem.setTitle("Provider at capacity");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static ProblemDetail declined(Charge charge) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED, "Charge "
				+ charge.chargeId() + " for order " + charge.orderId() + " was declined: " + charge.reason() + ".");
		problem.setTitle("Payment declined");
		problem.setProperty("reason", charge.reason());
		problem.setProperty("chargeId", charge.chargeId());
		return problem;
	}

	/** The body of a captured charge. */
	record Receipt(String chargeId, ChargeStatus status, UUID orderId, String customerId, BigDecimal amount,
			String currency, OffsetDateTime createdAt) {

		static Receipt of(Charge charge) {
			return new Receipt(charge.chargeId(), charge.status(), charge.orderId(), charge.customerId(),
					charge.amount(), charge.currency(), charge.createdAt());
		}

	}

	/** A line of the ledger: any stored charge, with its key and decline reason. */
	record LedgerEntry(String chargeId, ChargeStatus status, UUID orderId, String customerId, BigDecimal amount,
			String currency, String reason, String idempotencyKey, OffsetDateTime createdAt) {

		static LedgerEntry of(Charge charge) {
			return new LedgerEntry(charge.chargeId(), charge.status(), charge.orderId(), charge.customerId(),
					charge.amount(), charge.currency(), charge.reason(), charge.idempotencyKey(), charge.createdAt());
		}

	}

}
