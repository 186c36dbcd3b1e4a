package dslab.gateway.shedding;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a refusal as RFC 9457 problem+json straight onto the response: no codec, no
 * error handler, no backend, so that refusing costs next to nothing.
 */
final class Rejection {

	static final String OVERLOADED = "urn:dslab:problem:overloaded";

	static final String RATE_LIMITED = "urn:dslab:problem:rate-limited";

	private Rejection() {
	}

	static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail,
			long retryAfterSeconds) {
		ServerHttpResponse response = exchange.getResponse();
		// Set by RequestIdFilter, which runs first and allows only [A-Za-z0-9._-].
		String requestId = exchange.getRequest().getHeaders().getFirst("X-Request-Id");
		byte[] body = ("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
				+ ",\"detail\":\"" + detail + "\",\"requestId\":\"" + ((requestId != null) ? requestId : "") + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setContentLength(body.length);
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		headers.setCacheControl("no-store");
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
