package dslab.gateway.shedding;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dslab.gateway.shedding.ClientRateLimits.Decision;

/**
 * Answers 429 to a client that has used its quota, before routing, and tells every client
 * its quota in the IETF RateLimit header fields
 * (draft-ietf-httpapi-ratelimit-headers-10):
 * {@code RateLimit-Policy: "per-client";q=500;w=1} and
 * {@code RateLimit: "per-client";r=499;t=1}.
 */
@Component
class ClientRateLimitFilter implements WebFilter, Ordered {

	static final String POLICY = "RateLimit-Policy";

	static final String STATE = "RateLimit";

	private static final Pattern SAFE_CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final ClientRateLimits limits;

	private final SheddingMetrics metrics;

	private final String clientHeader;

	private final String priorityHeader;

	ClientRateLimitFilter(ClientRateLimits limits, SheddingMetrics metrics, SheddingProperties properties) {
		this.limits = limits;
		this.metrics = metrics;
		this.clientHeader = properties.clientRate().clientHeader();
		this.priorityHeader = properties.priorityHeader();
	}

	@Override
	public int getOrder() {
		// After the request id and the path guard, before the concurrency limit: a client
		// over its quota must not take a slot from the others.
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!this.limits.enabled() || Priority.isExempt(request)) {
			return chain.filter(exchange);
		}
		long start = System.nanoTime();
		Decision decision = this.limits.tryAcquire(clientOf(request));
		String policy = "\"per-client\";q=" + decision.quota() + ";w=" + decision.windowSeconds();
		String state = "\"per-client\";r=" + decision.remaining() + ";t=" + decision.resetSeconds();
		ServerHttpResponse response = exchange.getResponse();
		if (!decision.permitted()) {
			HttpHeaders headers = response.getHeaders();
			headers.set(POLICY, policy);
			headers.set(STATE, state);
			Priority priority = Priority.of(request, this.priorityHeader);
			return Rejection
				.write(exchange, HttpStatus.TOO_MANY_REQUESTS, Rejection.RATE_LIMITED, "Too many requests",
						"This client has used its quota of " + decision.quota() + " requests per "
								+ decision.windowSeconds() + " s; it is restored in " + decision.resetSeconds() + " s.",
						decision.resetSeconds())
				.doFinally((signal) -> this.metrics.rejected(SheddingMetrics.Reason.RATE, priority, start));
		}
		response.beforeCommit(() -> {
			response.getHeaders().set(POLICY, policy);
			response.getHeaders().set(STATE, state);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	/**
	 * The client's own id when it sends a well-formed one, else its address. An id is
	 * only a claim: behind authentication it would be the authenticated principal.
	 */
	private String clientOf(ServerHttpRequest request) {
		String id = request.getHeaders().getFirst(this.clientHeader);
		if (id != null && SAFE_CLIENT_ID.matcher(id).matches()) {
			return "id:" + id;
		}
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? "ip:" + remote.getAddress().getHostAddress()
				: "ip:unknown";
	}

}
