package dslab.gateway.shedding;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves {@code GET} and {@code PUT /admin/shedding} on a listener of its own
 * ({@code lab.gateway.shedding.control.port}, 9080), so the public port, whose
 * {@code /admin/**} has no route, can never reach it; each call needs
 * {@code Authorization: Bearer <lab.admin.token>}. The actuator stays on the public port,
 * where probes and scrapers already look.
 */
@Component
class ControlPort implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ControlPort.class);

	private static final String BEARER = "Bearer ";

	private final SheddingProperties.Control settings;

	private final AdmissionControl admission;

	private final ClientRateLimits clients;

	private final byte[] token;

	private volatile WebServer server;

	ControlPort(SheddingProperties properties, AdminToken token, AdmissionControl admission, ClientRateLimits clients) {
		this.settings = properties.control();
		this.admission = admission;
		this.clients = clients;
		this.token = token.token().getBytes(StandardCharsets.UTF_8);
	}

	/** The port it listens on, once started. */
	int port() {
		return this.server.getPort();
	}

	@Override
	public void start() {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(this.settings.port());
		try {
			factory.setAddress(InetAddress.getByName(this.settings.address()));
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("lab.gateway.shedding.control.address: " + ex.getMessage(), ex);
		}
		WebServer started = factory
			.getWebServer(RouterFunctions.toHttpHandler(routes(), HandlerStrategies.withDefaults()));
		started.start();
		this.server = started;
		logger.info("Shedding control on {}:{} (/admin/shedding)", this.settings.address(), started.getPort());
	}

	@Override
	public void stop() {
		WebServer running = this.server;
		if (running != null) {
			running.stop();
			this.server = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	private RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/admin/shedding", (request) -> show())
			.PUT("/admin/shedding", this::change)
			.filter((request, next) -> authorized(request) ? next.handle(request) : unauthorized())
			.build();
	}

	private Mono<ServerResponse> show() {
		AdmissionControl.Settings settings = this.admission.settings();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mode", settings.mode().label());
		body.put("staticLimit", settings.staticLimit());
		body.put("limit", settings.limit());
		body.put("clientLimit", this.clients.limit());
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	private Mono<ServerResponse> change(ServerRequest request) {
		return request.bodyToMono(Change.class)
			.switchIfEmpty(Mono.error(() -> new IllegalArgumentException("a JSON body is required")))
			.flatMap((change) -> {
				AdmissionControl.Settings current = this.admission.settings();
				Mode mode = (change.mode() != null) ? Mode.parse(change.mode()) : current.mode();
				int staticLimit = (change.staticLimit() != null) ? change.staticLimit() : current.staticLimit();
				int clientLimit = (change.clientLimit() != null) ? change.clientLimit() : this.clients.limit();
				// Check everything before changing anything: a refused change changes
				// nothing.
				if (staticLimit < 1 || staticLimit > 100_000) {
					throw new IllegalArgumentException("staticLimit must be between 1 and 100000; was " + staticLimit);
				}
				if (clientLimit < 1) {
					throw new IllegalArgumentException("clientLimit must be at least 1; was " + clientLimit);
				}
				this.clients.changeLimit(clientLimit);
				this.admission.change(mode, staticLimit);
				logger.info("Shedding changed: mode={}, staticLimit={}, clientLimit={}", mode.label(), staticLimit,
						this.clients.limit());
				return show();
			})
			.onErrorResume(IllegalArgumentException.class, (ex) -> badRequest(ex.getMessage()))
			.onErrorResume(org.springframework.core.codec.DecodingException.class,
					(ex) -> badRequest("the body must be JSON such as {\"mode\":\"static\",\"staticLimit\":50}"))
			.onErrorResume(org.springframework.web.server.ServerWebInputException.class,
					(ex) -> badRequest("the body must be JSON such as {\"mode\":\"static\",\"staticLimit\":50}"));
	}

	private boolean authorized(ServerRequest request) {
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.startsWith(BEARER) && MessageDigest.isEqual(this.token,
				authorization.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8));
	}

	private static Mono<ServerResponse> unauthorized() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"Admin endpoints need the header 'Authorization: Bearer <lab.admin.token>'.");
		return ServerResponse.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"admin\"")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem);
	}

	private static Mono<ServerResponse> badRequest(String detail) {
		return ServerResponse.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
	}

	/**
	 * What a {@code PUT} may change; a field left out keeps its value.
	 *
	 * @param mode {@code off}, {@code static} or {@code adaptive}
	 * @param staticLimit the limit of {@code static}
	 * @param clientLimit requests per client per period
	 */
	record Change(String mode, Integer staticLimit, Integer clientLimit) {
	}

}
