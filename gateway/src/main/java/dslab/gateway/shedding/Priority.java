package dslab.gateway.shedding;

import java.util.Locale;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which requests the gateway sheds first once it is at its limit: batch, then normal,
 * then critical. Health and readiness have no priority: they never pass the limit at all.
 */
enum Priority {

	/** Reads: cheap, and what a user waits for. */
	CRITICAL,

	/** Writes, order placement among them. */
	NORMAL,

	/** Whatever declares itself batch or sheddable: shed first. */
	BATCH;

	/**
	 * A request may lower its own priority by the header, never raise it: only
	 * {@code batch} and {@code sheddable} are heeded.
	 */
	static Priority of(ServerHttpRequest request, String priorityHeader) {
		String declared = request.getHeaders().getFirst(priorityHeader);
		if (declared != null) {
			String value = declared.strip().toLowerCase(Locale.ROOT);
			if (value.equals("batch") || value.equals("sheddable")) {
				return BATCH;
			}
		}
		HttpMethod method = request.getMethod();
		if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
			return CRITICAL;
		}
		return NORMAL;
	}

	/**
	 * Health, readiness and metrics: never rate limited, never shed, or the orchestrator
	 * would take an overloaded gateway for a dead one.
	 */
	static boolean isExempt(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		return path.equals("/actuator") || path.startsWith("/actuator/");
	}

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
