package dslab.drill.dlt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class DltCommandTest {

	@Test
	void saysInOneLineThatKafkaIsUnreachableAndExitsWithTwo() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = new CommandLine(new DltCommand()).setOut(new PrintWriter(out))
			.setErr(new PrintWriter(err));

		long start = System.nanoTime();
		int status = command.execute("list", "--bootstrap-servers", "localhost:" + closedPort);

		assertThat(status).isEqualTo(2);
		assertThat(out.toString()).isEmpty();
		assertThat(err.toString()).hasLineCount(1)
			.startsWith("error: Kafka at localhost:" + closedPort + " did not answer within 5 s");
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
	}

	@Test
	void takesTheBrokerFromTheEnvironmentLikeTheServicesDo() {
		assertThat(DeadLetterOffice.defaultBootstrapServers((name) -> null)).isEqualTo("localhost:9092");
		assertThat(DeadLetterOffice.defaultBootstrapServers((name) -> name.equals("LAB_KAFKA_PORT") ? "19092" : null))
			.isEqualTo("localhost:19092");
		assertThat(DeadLetterOffice.defaultBootstrapServers(
				(name) -> name.equals("LAB_KAFKA_BOOTSTRAP") ? "kafka-1:9092,kafka-2:9092" : "19092"))
			.isEqualTo("kafka-1:9092,kafka-2:9092");
	}

}
