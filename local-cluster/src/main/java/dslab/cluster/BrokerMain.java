package dslab.cluster;

/**
 * Entry point of the broker process: runs {@code kafka.Kafka} with the given
 * configuration and, for test brokers, exits when the process that started it is gone, so
 * a killed test JVM never leaves a broker behind.
 */
public final class BrokerMain {

	private BrokerMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 1 && Boolean.parseBoolean(args[1])) {
			ProcessHandle.current().parent().ifPresent((parent) -> parent.onExit().thenRun(() -> {
				System.err.println("Parent process exited; stopping the broker");
				System.exit(0);
			}));
		}
		kafka.Kafka.main(new String[] { args[0] });
	}

}
