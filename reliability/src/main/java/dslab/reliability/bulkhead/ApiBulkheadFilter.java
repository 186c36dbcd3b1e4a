package dslab.reliability.bulkhead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the requests a service works on at once with a Resilience4j semaphore bulkhead
 * for reads and one for writes ({@link BulkheadProperties}), before any handler, database
 * connection or idempotency key is touched: a request past the limit gets {@code 503}
 * problem+json with {@code Retry-After} at once and changes nothing. Behind the gateway
 * that is a fast refusal its adaptive limit counts as a drop, instead of a request queued
 * on the connection pool until it times out. Exported as
 * {@code resilience4j_bulkhead_*{name="api-reads|api-writes"}} and
 * {@code lab_bulkhead_rejected_total{name}}.
 */
public class ApiBulkheadFilter extends OncePerRequestFilter {

	static final String READS = "api-reads";

	static final String WRITES = "api-writes";

	private final List<String> paths;

	private final Bulkhead reads;

	private final Bulkhead writes;

	private final Counter readsRejected;

	private final Counter writesRejected;

	private final long retryAfterSeconds;

	public ApiBulkheadFilter(BulkheadProperties properties, MeterRegistry meters) {
		this.paths = List.copyOf(properties.paths());
		BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
		this.reads = registry.bulkhead(READS, config(properties.reads(), properties));
		this.writes = registry.bulkhead(WRITES, config(properties.writes(), properties));
		TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
		this.readsRejected = rejected(READS, meters);
		this.writesRejected = rejected(WRITES, meters);
		this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return this.paths.stream().noneMatch(path::startsWith);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean read = isRead(request.getMethod());
		Bulkhead bulkhead = read ? this.reads : this.writes;
		if (!bulkhead.tryAcquirePermission()) {
			(read ? this.readsRejected : this.writesRejected).increment();
			refuse(request, response, bulkhead);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			bulkhead.onComplete();
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, Bulkhead bulkhead)
			throws IOException {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write(("{\"type\":\"urn:dslab:problem:overloaded\",\"title\":\"Overloaded\",\"status\":503,"
					+ "\"detail\":\"This service is working on its limit of "
					+ bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " concurrent "
					+ (bulkhead == this.reads ? "reads" : "writes") + "; nothing was done. Retry after "
					+ this.retryAfterSeconds + " s.\",\"instance\":\"" + request.getRequestURI().replace("\"", "")
					+ "\"}")
				.getBytes(StandardCharsets.UTF_8));
	}

	private static boolean isRead(String method) {
		return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
	}

	private static BulkheadConfig config(int limit, BulkheadProperties properties) {
		return BulkheadConfig.custom().maxConcurrentCalls(limit).maxWaitDuration(properties.maxWait()).build();
	}

	private static Counter rejected(String name, MeterRegistry meters) {
		return Counter.builder("lab.bulkhead.rejected")
			.description("API requests refused with 503 because the service was at its concurrency limit")
			.tag("name", name)
			.register(meters);
	}

}
