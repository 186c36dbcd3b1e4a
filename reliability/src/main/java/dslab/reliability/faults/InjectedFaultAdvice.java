package dslab.reliability.faults;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers an {@link InjectedFault} thrown by a handler with 503 problem+json and
 * {@code Retry-After: 1}; a dropped reply also closes the connection. Ordered first, so a
 * service's catch-all for unexpected errors never turns it into a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InjectedFaultAdvice {

	static final String RETRY_AFTER_SECONDS = "1";

	@ExceptionHandler
	ResponseEntity<ProblemDetail> injected(InjectedFault fault) {
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (fault.replyDropped()) {
			answer.header(HttpHeaders.CONNECTION, "close");
		}
		return answer.body(problem(fault));
	}

	static ProblemDetail problem(InjectedFault fault) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				fault.getMessage() + " (see GET /admin/faults).");
		problem.setTitle("Injected fault");
		return problem;
	}

}
