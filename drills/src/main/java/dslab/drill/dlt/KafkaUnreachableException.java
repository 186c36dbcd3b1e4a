package dslab.drill.dlt;

/** Kafka did not answer in time: the lab is down, or the address is wrong. */
public class KafkaUnreachableException extends RuntimeException {

	KafkaUnreachableException(String bootstrapServers, String why) {
		super("Kafka at " + bootstrapServers + " " + why + ": is the lab running (./cluster up)?"
				+ " Another address: --bootstrap-servers or LAB_KAFKA_BOOTSTRAP.");
	}

}
