package dslab.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How the gateway is told where its shedding control port is. */
class ServiceDefinitionTest {

	@ParameterizedTest
	@CsvSource({ "8080, 9080", "9080, 10080", "41234, 42234", "65000, 0" })
	void putsTheControlPortAThousandAboveTheGateway(int gatewayPort, int controlPort) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ServiceDefinition.ALL.forEach((service) -> ports.put(service.name(), service.defaultPort()));
		ports.put("gateway", gatewayPort);
		ClusterSettings settings = new ClusterSettings(Path.of("."), Path.of(".cluster"), 9092, 9093, ports,
				ClusterSettings.DEFAULT_JAVA_OPTIONS);

		assertThat(ServiceDefinition.named("gateway").arguments(settings)).contains("--server.port=" + gatewayPort,
				"--lab.gateway.shedding.control.port=" + controlPort);
	}

}
