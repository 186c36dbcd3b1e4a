package dslab.reliability.faults;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Injects the faults of the {@code http} operation into every request except
 * {@code /admin/**} (so the knobs can always be turned back) and {@code /actuator/**} (so
 * health checks tell a frozen service from a dead one).
 */
class FaultInjectionFilter extends OncePerRequestFilter {

	private final Faults faults;

	private final JsonMapper json;

	FaultInjectionFilter(Faults faults, JsonMapper json) {
		this.faults = faults;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return isUnder(path, "/admin") || isUnder(path, "/actuator");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			this.faults.inject(Operation.HTTP);
		}
		catch (InjectedFault fault) {
			ProblemDetail problem = InjectedFaultAdvice.problem(fault);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", "about:blank");
			body.put("title", problem.getTitle());
			body.put("status", problem.getStatus());
			body.put("detail", problem.getDetail());
			body.put("instance", request.getRequestURI());
			response.setStatus(problem.getStatus());
			response.setHeader(HttpHeaders.RETRY_AFTER, InjectedFaultAdvice.RETRY_AFTER_SECONDS);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), body);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isUnder(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

}
