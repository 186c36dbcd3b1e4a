package dslab.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for one service behind the gateway: records every request and answers with a
 * canned response, echoing {@code X-Request-Id} as the real services do.
 */
public final class BackendStub {

	private final String name;

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Reply reply;

	private volatile CountDownLatch hold = new CountDownLatch(0);

	private volatile boolean dropping;

	private BackendStub(String name) throws IOException {
		this.name = name;
		this.reply = defaultReply();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static BackendStub start(String name) {
		try {
			return new BackendStub(name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** What this backend answers, until {@link #reset()}. */
	public void replyWith(int status, Map<String, String> headers, String body) {
		this.reply = new Reply(status, headers, body);
	}

	/** Makes this backend keep every request waiting until {@link #reset()}. */
	public void holdResponses() {
		this.hold = new CountDownLatch(1);
	}

	/**
	 * Makes this backend close every connection without answering, until
	 * {@link #reset()}.
	 */
	public void dropConnections() {
		this.dropping = true;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public void reset() {
		this.hold.countDown();
		this.dropping = false;
		this.received.clear();
		this.reply = defaultReply();
	}

	/** The body this backend answers by default, so a test can tell who answered. */
	public String marker() {
		return "{\"backend\":\"" + this.name + "\"}";
	}

	@Override
	public String toString() {
		return this.name;
	}

	private Reply defaultReply() {
		return new Reply(200, Map.of("Content-Type", "application/json"), marker());
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					new Headers(exchange.getRequestHeaders()), body));
			this.hold.await();
			if (this.dropping) {
				return;
			}
			Reply reply = this.reply;
			reply.headers().forEach(exchange.getResponseHeaders()::set);
			String requestId = exchange.getRequestHeaders().getFirst(RequestIdFilter.HEADER);
			if (requestId != null) {
				exchange.getResponseHeaders().set(RequestIdFilter.HEADER, requestId);
			}
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(reply.status(), (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public record Received(String method, String uri, Headers headers, String body) {
	}

	private record Reply(int status, Map<String, String> headers, String body) {
	}

}
