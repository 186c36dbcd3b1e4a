package dslab.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Request-Id} (the caller's when it is safe, else a new
 * UUID), forwards it to the backend and returns it in the response. It is a
 * {@link WebFilter} rather than a gateway {@code GlobalFilter} so that the answers the
 * gateway gives itself (404, 400, 5xx) carry the id too.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

	static final String HEADER = "X-Request-Id";

	static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String given = exchange.getRequest().getHeaders().getFirst(HEADER);
		String requestId = (given != null && SAFE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		exchange.getAttributes().put(ATTRIBUTE, requestId);
		ServerHttpResponse response = exchange.getResponse();
		// Set (not add) at commit time: the backend echoes the id and the gateway copies
		// its
		// headers, which would otherwise send it twice.
		response.beforeCommit(() -> {
			response.getHeaders().set(HEADER, requestId);
			return Mono.empty();
		});
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.set(HEADER, requestId)))
			.build());
	}

}
