package dslab.reliability.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the gateway's {@code X-Request-Id}, or a new one when called
 * directly), puts it in the logs and echoes it in the response.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	public static final String REQUEST_ID_HEADER = "X-Request-Id";

	static final String MDC_KEY = "requestId";

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(REQUEST_ID_HEADER);
		String requestId = (given != null && SAFE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		response.setHeader(REQUEST_ID_HEADER, requestId);
		try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, requestId)) {
			chain.doFilter(request, response);
		}
	}

}
