package dslab.drill.partitions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dslab.drill.dlt.DeadLetterOffice;
import dslab.drill.load.LoadCommand.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./drill watch}: a consumer group's partitions live, repainted in place on a
 * terminal and appended otherwise.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
		description = "A consumer group's partitions live: owner, end offset, committed offset, lag and rate"
				+ " (records/s from committed-offset deltas), from Kafka's AdminClient. Ctrl-C stops it.")
public final class WatchCommand implements Callable<Integer> {

	@Option(names = "--group", defaultValue = "inventory-service",
			description = "Consumer group (inventory-service, payment-service, order-service). Default: ${DEFAULT-VALUE}")
	String group;

	@Option(names = "--topic", split = ",",
			description = "Only these topics (repeat or comma-separate). Default: every topic the group reads")
	List<String> topics = List.of();

	@Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
			description = "How often to sample, e.g. 500ms, 1s, 2s. Default: ${DEFAULT-VALUE}")
	Duration interval;

	@Option(names = "--count", defaultValue = "0", description = "Stop after this many samples (0: never)")
	int count;

	@Option(names = "--bootstrap-servers",
			description = "Kafka. Default: LAB_KAFKA_BOOTSTRAP, else localhost:LAB_KAFKA_PORT (9092)")
	String bootstrapServers;

	@Override
	public Integer call() throws InterruptedException {
		String bootstrap = (this.bootstrapServers != null) ? this.bootstrapServers
				: DeadLetterOffice.defaultBootstrapServers(System::getenv);
		boolean repaint = System.console() != null && System.getenv("TERM") != null
				&& !"dumb".equals(System.getenv("TERM"));
		try (PartitionSampler sampler = new PartitionSampler(bootstrap, this.group, this.topics)) {
			for (int i = 0; this.count == 0 || i < this.count; i++) {
				if (i > 0) {
					Thread.sleep(this.interval);
				}
				String table = PartitionTable.render(this.group, sampler.sample());
				System.out.print(repaint ? "\033[H\033[2J" + table : table + System.lineSeparator());
				System.out.flush();
			}
		}
		return 0;
	}

}
