package dslab.drill.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dslab.cluster.ServiceDefinition;
import dslab.drill.control.ClusterControl;

/**
 * The running lab as a drill sees it: where the gateway and each service's own (admin)
 * port are, how to control its processes, and the admin calls drills make (faults,
 * readiness).
 *
 * @param gateway the gateway's base URL
 * @param services each service's base URL on its own port, by name
 * @param kafkaBootstrap the Kafka bootstrap servers, for drills that read or write topics
 * @param adminToken the bearer token of {@code /admin/**}
 * @param control how to kill, stop and start processes
 */
public record Lab(URI gateway, Map<String, URI> services, String kafkaBootstrap, String adminToken,
		ClusterControl control) {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	public Lab {
		services = Map.copyOf(services);
	}

	/**
	 * A lab on localhost with the given ports (the local cluster and Compose publish the
	 * same).
	 */
	public static Lab onLocalhost(Map<String, Integer> ports, String kafkaBootstrap, String adminToken,
			ClusterControl control) {
		Map<String, URI> services = new java.util.LinkedHashMap<>();
		for (ServiceDefinition service : ServiceDefinition.ALL) {
			services.put(service.name(), URI.create("http://localhost:" + ports.get(service.name())));
		}
		return new Lab(services.get("gateway"), services, kafkaBootstrap, adminToken, control);
	}

	public URI service(String name) {
		URI uri = this.services.get(name);
		if (uri == null) {
			throw new IllegalArgumentException("Unknown service '" + name + "'");
		}
		return uri;
	}

	/** Sets fault knobs on a service ({@code POST /admin/faults}). */
	public void injectFaults(String service, String knobsJson) {
		HttpResponse<String> response = send(service,
				HttpRequest.newBuilder(service(service).resolve("/admin/faults"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(knobsJson)));
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"Setting faults on " + service + " failed: " + response.statusCode() + " " + response.body());
		}
	}

	/** Reads a setting of a service through its admin API; returns the answer's body. */
	public String adminGet(String service, String path) {
		HttpResponse<String> response = send(service, HttpRequest.newBuilder(service(service).resolve(path)).GET());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"GET " + path + " on " + service + " failed: " + response.statusCode() + " " + response.body());
		}
		return response.body();
	}

	/**
	 * Changes a setting of a service through its admin API ({@code PUT}); returns the
	 * answer's body.
	 */
	public String adminPut(String service, String path, String json) {
		HttpResponse<String> response = send(service,
				HttpRequest.newBuilder(service(service).resolve(path))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(json)));
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"PUT " + path + " on " + service + " failed: " + response.statusCode() + " " + response.body());
		}
		return response.body();
	}

	/** Clears every fault knob of a service; a service that is down has none. */
	public void clearFaults(String service) {
		try {
			send(service, HttpRequest.newBuilder(service(service).resolve("/admin/faults")).DELETE());
		}
		catch (IllegalStateException ex) {
			// Down: a restarted service starts without run-time faults anyway.
		}
	}

	/** Whether a service answers its readiness probe with UP. */
	public boolean isReady(String service) {
		try {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(service(service).resolve("/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private HttpResponse<String> send(String service, HttpRequest.Builder request) {
		try {
			return http.send(
					request.header("Authorization", "Bearer " + this.adminToken).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(service + " is not reachable: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
