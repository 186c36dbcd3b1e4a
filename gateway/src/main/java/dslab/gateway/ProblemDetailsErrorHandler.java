package dslab.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;

import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every error the gateway produces itself (no route, a refused path, a backend
 * that is down or too slow) as RFC 9457 problem+json with the request id, never a stack
 * trace; a backend's own error responses pass through untouched.
 */
@Component
// Before WebFlux's own ResponseStatusException handler (order 0), which answers with an
// empty body.
@Order(-2)
class ProblemDetailsErrorHandler implements ErrorWebExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsErrorHandler.class);

	private final ServerResponse.Context context;

	ProblemDetailsErrorHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(failure);
		}
		String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
		ProblemDetail problem = problemFor(exchange, failure, requestId);
		problem.setProperty("requestId", requestId);
		log(exchange, problem, failure, requestId);
		return ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

	private static ProblemDetail problemFor(ServerWebExchange exchange, Throwable failure, String requestId) {
		String backend = backendOf(exchange);
		return switch (failure) {
			case ConnectTimeoutException ex -> problem(HttpStatus.GATEWAY_TIMEOUT, "Backend timeout",
					backend + " did not accept a connection in time; try again later.");
			case ConnectException ex -> problem(HttpStatus.SERVICE_UNAVAILABLE, "Backend unavailable",
					backend + " is not reachable right now; try again later.");
			case ResponseStatusException ex when ex.getStatusCode().isSameCodeAs(HttpStatus.GATEWAY_TIMEOUT) ->
				problem(HttpStatus.GATEWAY_TIMEOUT, "Backend timeout",
						backend + " did not answer in time; the request may still complete, so check before retrying.");
			case ResponseStatusException ex when ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND) ->
				problem(HttpStatus.NOT_FOUND, "No route",
						"The gateway forwards only /api/orders, /api/payments and /api/stock"
								+ " (and paths below them); " + exchange.getRequest().getPath() + " is none of them.");
			case ErrorResponse ex -> ex.getBody();
			case IOException ex -> problem(HttpStatus.BAD_GATEWAY, "Bad gateway",
					backend + " closed the connection or sent an invalid response.");
			default -> problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
					"Something went wrong in the gateway. Quote request id " + requestId + " when reporting it.");
		};
	}

	private static String backendOf(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "The service";
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	private static void log(ServerWebExchange exchange, ProblemDetail problem, Throwable failure, String requestId) {
		String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath();
		if (problem.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			logger.error("Unexpected failure handling {} [req={}]", request, requestId, failure);
		}
		else if (problem.getStatus() >= 500) {
			logger.warn("{} answered {} [req={}]: {}", request, problem.getStatus(), requestId, failure.toString());
		}
		else {
			logger.debug("{} answered {} [req={}]: {}", request, problem.getStatus(), requestId, failure.toString());
		}
	}

}
