package dslab.reliability.faults;

import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

import jakarta.validation.Path;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fault knobs at run time, on the service's own port behind the admin token:
 * {@code GET} shows what is active, {@code POST} merges knobs in, {@code DELETE} clears
 * them all. Invalid or unknown knobs change nothing and answer 400.
 */
@RestController
@RequestMapping("/admin/faults")
class FaultsController {

	private final Faults faults;

	private final ObjectReader knobs;

	private final Validator validator;

	FaultsController(Faults faults, JsonMapper json, Validator validator) {
		this.faults = faults;
		// A misspelt knob must fail, not silently break nothing.
		this.knobs = json.readerFor(FaultProperties.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.validator = validator;
	}

	@GetMapping
	FaultProperties active() {
		return this.faults.active();
	}

	@PostMapping
	ResponseEntity<Object> change(@RequestBody String body) {
		FaultProperties change = this.knobs.readValue(body);
		List<KnobError> errors = this.validator.validate(change)
			.stream()
			.map((violation) -> new KnobError(field(violation.getPropertyPath()), violation.getMessage()))
			.sorted(Comparator.comparing(KnobError::field))
			.toList();
		if (!errors.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"Nothing was changed: " + errors.size() + " knob(s) need fixing.");
			problem.setTitle("Invalid fault knobs");
			problem.setProperty("errors", errors);
			return ResponseEntity.badRequest().body(problem);
		}
		this.faults.apply(change);
		return ResponseEntity.ok(this.faults.active());
	}

	@DeleteMapping
	FaultProperties clear() {
		this.faults.clear();
		return this.faults.active();
	}

	@ExceptionHandler({ JacksonException.class, HttpMessageNotReadableException.class })
	ProblemDetail unreadable(Exception ex) {
		String detail = switch (ex) {
			case UnrecognizedPropertyException unknown -> "there is no knob '" + unknown.getPropertyName()
					+ "' there; known are " + unknown.getKnownPropertyIds() + ".";
			case JacksonException jackson -> jackson.getOriginalMessage();
			default -> "the body must be JSON of the shape GET /admin/faults answers.";
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Nothing was changed: " + detail);
		problem.setTitle("Unreadable fault knobs");
		return problem;
	}

	/**
	 * {@code latency.consume.fixed} rather than the validator's
	 * {@code latency[consume].fixed}.
	 */
	private static String field(Path path) {
		StringJoiner field = new StringJoiner(".");
		for (Path.Node node : path) {
			if (node.getKey() != null) {
				field.add(node.getKey().toString());
			}
			if (node.getName() != null && !node.getName().startsWith("<")) {
				field.add(node.getName());
			}
		}
		return field.toString();
	}

	/** A knob that needs fixing, and why. */
	record KnobError(String field, String message) {
	}

}
