package dslab.drill.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The nginx the benchmark generates and runs beside the gateway. */
class NginxConfigTest {

	@TempDir
	Path dir;

	@Test
	void proxiesToOrderServiceOverAKeepAliveUpstream() {
		String config = new NginxConfig(8090, 8081, this.dir).render();

		assertThat(config).contains("listen 127.0.0.1:8090;", "server 127.0.0.1:8081;", "keepalive 64;",
				"proxy_pass http://order_service;", "proxy_http_version 1.1;", "proxy_set_header Connection \"\";");
	}

	@Test
	void runsInTheForegroundWithEverythingInItsWorkingFolder() {
		String config = new NginxConfig(8090, 8081, this.dir).render();
		String folder = this.dir.toAbsolutePath().toString();

		assertThat(config).contains("daemon off;", "pid " + folder + "/nginx.pid;",
				"error_log " + folder + "/error.log warn;", "proxy_temp_path " + folder + "/proxy;", "access_log off;");
	}

	@Test
	void nginxProxiesToTheUpstreamAndAnswersTheStaticPathItself() throws Exception {
		assumeThat(Nginx.binary()).as("nginx installed (apt-get install -y nginx-light)").isPresent();
		HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		upstream.createContext("/api/orders/o-1", (exchange) -> {
			byte[] body = ("{\"id\":\"o-1\",\"connection\":\"" + exchange.getRequestHeaders().getFirst("Connection")
					+ "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		upstream.start();
		int port = freePort();
		try (Nginx nginx = Nginx.start(Nginx.binary().orElseThrow(),
				new NginxConfig(port, upstream.getAddress().getPort(), this.dir, "1"));
				LoadClient client = new LoadClient()) {
			HttpResponse<String> proxied = client.fetch(URI.create("http://127.0.0.1:" + port + "/api/orders/o-1"));
			HttpResponse<String> own = client.fetch(URI.create("http://127.0.0.1:" + port + NginxConfig.STATIC_PATH));

			assertThat(proxied.statusCode()).isEqualTo(200);
			assertThat(proxied.body()).as("upstream keep-alive: nginx sends no Connection: close")
				.isEqualTo("{\"id\":\"o-1\",\"connection\":\"null\"}");
			assertThat(own.statusCode()).isEqualTo(200);
			assertThat(own.body()).isEqualTo("ok");
		}
		finally {
			upstream.stop(0);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
