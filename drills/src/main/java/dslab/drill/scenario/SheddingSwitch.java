package dslab.drill.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dslab.drill.run.Lab;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's overload settings, read and changed on its control port (the gateway's
 * port + 1000, {@code /admin/shedding}, docs/load-shedding.md).
 */
final class SheddingSwitch {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final URI endpoint;

	private final String token;

	SheddingSwitch(Lab lab) {
		URI gateway = lab.gateway();
		this.endpoint = URI
			.create("http://" + gateway.getHost() + ":" + (gateway.getPort() + 1000) + "/admin/shedding");
		this.token = lab.adminToken();
	}

	/** What the gateway runs with now. */
	Settings current() {
		return Settings.of(send(HttpRequest.newBuilder(this.endpoint).GET()));
	}

	/**
	 * Changes what {@code changeJson} names (any of {@code mode}, {@code staticLimit},
	 * {@code clientLimit}); returns the settings now in force.
	 */
	Settings change(String changeJson) {
		return Settings.of(send(HttpRequest.newBuilder(this.endpoint)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(changeJson))));
	}

	/** Puts back settings read earlier. */
	void restore(Settings settings) {
		change("{\"mode\":\"" + settings.mode() + "\",\"staticLimit\":" + settings.staticLimit() + ",\"clientLimit\":"
				+ settings.clientLimit() + "}");
	}

	private JsonNode send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(
					request.header("Authorization", "Bearer " + this.token).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						this.endpoint + " answered " + response.statusCode() + ": " + response.body());
			}
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The gateway's control port did not answer: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Drill interrupted", ex);
		}
	}

	/**
	 * The gateway's overload settings; {@code limit} is the one in force (0 when off).
	 */
	record Settings(String mode, int staticLimit, int limit, int clientLimit) {

		static Settings of(JsonNode body) {
			return new Settings(body.get("mode").asString(), body.get("staticLimit").asInt(), body.get("limit").asInt(),
					body.get("clientLimit").asInt());
		}

	}

}
