package dslab.reliability.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/**}: a request without
 * {@code Authorization: Bearer <lab.admin.token>} gets a 401 problem and never reaches a
 * handler.
 */
public class AdminTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final byte[] token;

	public AdminTokenFilter(AdminProperties properties) {
		this.token = properties.token().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/admin") || path.startsWith("/admin/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.startsWith(PREFIX) && MessageDigest.isEqual(this.token,
				authorization.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8))) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"admin\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
					+ "\"detail\":\"Admin endpoints need the header 'Authorization: Bearer <lab.admin.token>'.\","
					+ "\"instance\":\"" + request.getRequestURI().replace("\"", "") + "\"}")
				.getBytes(StandardCharsets.UTF_8));
	}

}
