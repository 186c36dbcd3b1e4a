package dslab.gateway;

import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses, before any route is chosen, a path a backend could resolve outside the prefix
 * it was routed by: {@code /api/orders/../../admin/faults} matches the order route, but
 * order-service would normalise it to {@code /admin/faults}.
 */
@Component
class PathGuard implements WebFilter, Ordered {

	// Encoded dot, slash, backslash and percent (the last against a backend that decodes
	// twice).
	private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2e|2f|5c|25)", Pattern.CASE_INSENSITIVE);

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (isUnsafe(exchange.getRequest().getURI().getRawPath())) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The path contains a '.' or '..' segment or an encoded dot, slash, backslash or percent sign;"
							+ " the gateway does not forward such paths."));
		}
		return chain.filter(exchange);
	}

	static boolean isUnsafe(String rawPath) {
		if (ENCODED_SEPARATOR.matcher(rawPath).find() || rawPath.contains("\\")) {
			return true;
		}
		for (String segment : rawPath.split("/")) {
			// Servlet containers drop path parameters before normalising: "..;x" counts
			// as "..".
			String name = segment.split(";", 2)[0];
			if (name.equals(".") || name.equals("..")) {
				return true;
			}
		}
		return false;
	}

}
