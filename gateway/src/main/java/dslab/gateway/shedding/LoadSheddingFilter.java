package dslab.gateway.shedding;

import java.util.Optional;

import com.netflix.concurrency.limits.Limiter.Listener;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Puts the concurrency limit in front of routing: a request that does not fit is answered
 * 503 with {@code Retry-After} at once, and one that fits tells the limit how long it
 * took and whether the backend was overloaded (502, 503, 504 or no answer).
 */
@Component
class LoadSheddingFilter implements WebFilter, Ordered {

	private final AdmissionControl admission;

	private final SheddingMetrics metrics;

	private final String priorityHeader;

	private final long retryAfterSeconds;

	LoadSheddingFilter(AdmissionControl admission, SheddingMetrics metrics, SheddingProperties properties) {
		this.admission = admission;
		this.metrics = metrics;
		this.priorityHeader = properties.priorityHeader();
		this.retryAfterSeconds = properties.retryAfter().toSeconds();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 3;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (Priority.isExempt(request)) {
			return chain.filter(exchange);
		}
		long start = System.nanoTime();
		Priority priority = Priority.of(request, this.priorityHeader);
		Optional<Listener> admitted = this.admission.acquire(priority);
		if (admitted.isEmpty()) {
			return Rejection
				.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, Rejection.OVERLOADED, "Overloaded",
						"The gateway is at its limit of " + this.admission.limit()
								+ " concurrent requests and sheds batch requests first, then writes, then reads."
								+ " Retry after " + this.retryAfterSeconds + " s.",
						this.retryAfterSeconds)
				.doFinally((signal) -> this.metrics.rejected(SheddingMetrics.Reason.LIMIT, priority, start));
		}
		this.metrics.admitted(priority);
		this.metrics.started();
		Outcome outcome = new Outcome(exchange, admitted.get());
		return chain.filter(exchange).doOnError(outcome::failed).doFinally(outcome::finished);
	}

	/** Tells the limiter, exactly once, how an admitted request ended. */
	private final class Outcome {

		private final ServerWebExchange exchange;

		private final Listener listener;

		private volatile boolean overloaded;

		Outcome(ServerWebExchange exchange, Listener listener) {
			this.exchange = exchange;
			this.listener = listener;
		}

		void failed(Throwable failure) {
			// The gateway's own 4xx (no route, a refused path) say nothing about load.
			this.overloaded = !(failure instanceof ResponseStatusException status
					&& status.getStatusCode().is4xxClientError());
		}

		void finished(SignalType signal) {
			LoadSheddingFilter.this.metrics.finished();
			if (signal == SignalType.CANCEL) {
				this.listener.onIgnore();
			}
			else if ((signal == SignalType.ON_ERROR) ? this.overloaded : isOverloadStatus()) {
				this.listener.onDropped();
			}
			else {
				this.listener.onSuccess();
			}
		}

		private boolean isOverloadStatus() {
			HttpStatusCode status = this.exchange.getResponse().getStatusCode();
			return status != null && (status.value() == 502 || status.value() == 503 || status.value() == 504);
		}

	}

}
