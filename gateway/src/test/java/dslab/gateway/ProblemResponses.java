package dslab.gateway;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks an answer the gateway gives itself: problem+json, and nothing of its internals.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	public static Map<String, Object> expectProblem(ResponseSpec response, HttpStatus status) {
		Map<String, Object> problem = response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(problem).containsEntry("status", status.value()).containsKeys("title", "detail", "requestId");
		assertThat(problem.keySet()).isSubsetOf("type", "title", "status", "detail", "instance", "requestId");
		assertThat(problem.toString()).doesNotContain("Exception", "\tat ");
		return problem;
	}

}
