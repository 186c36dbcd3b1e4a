package dslab.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers invalid requests with a 400 problem+json that lists every field and header to
 * fix; other client errors keep Spring's standard problem details. A handler with a
 * constrained parameter (the {@code Idempotency-Key} header) is validated as a whole, its
 * {@code @Valid} body included, so every violation arrives as one
 * {@link HandlerMethodValidationException}.
 */
@RestControllerAdvice
class ValidationProblemAdvice extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors parameterErrors) {
				parameterErrors.getFieldErrors().stream().map(ValidationProblemAdvice::error).forEach(errors::add);
			}
			else {
				String name = nameOf(result.getMethodParameter());
				result.getResolvableErrors().forEach((error) -> errors.add(error(name, error.getDefaultMessage())));
			}
		}
		return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
	}

	private static ProblemDetail invalid(List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request is invalid: " + errors.size() + " field(s) need fixing.");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String nameOf(MethodParameter parameter) {
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header == null) {
			return parameter.getParameterName();
		}
		return header.name().isEmpty() ? header.value() : header.name();
	}

	private static Map<String, String> error(FieldError error) {
		return error(error.getField(), error.getDefaultMessage());
	}

	private static Map<String, String> error(String field, String message) {
		return Map.of("field", field, "message", String.valueOf(message));
	}

}
