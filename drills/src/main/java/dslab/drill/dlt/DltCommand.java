package dslab.drill.dlt;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./drill dlt}: what is dead-lettered and why, and replaying it once the cause is
 * fixed. Exits 2, with one line, when Kafka does not answer.
 */
@Command(name = "dlt", mixinStandardHelpOptions = true,
		description = "Dead letters: list what every *.DLT topic holds and why; replay it to its original topic once the cause is fixed.",
		subcommands = { DltCommand.ListLetters.class, DltCommand.Replay.class })
public final class DltCommand implements Runnable {

	/** Exit status when Kafka cannot be reached. */
	static final int UNREACHABLE = 2;

	/** Replays printed one by one; beyond it, a progress line every {@value} records. */
	static final int PRINTED_REPLAYS = 20;

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

	/** The options every dlt command shares. */
	static final class Connection {

		@Option(names = "--bootstrap-servers",
				description = "Kafka to talk to. Default: $LAB_KAFKA_BOOTSTRAP, else localhost:9092 ($LAB_KAFKA_PORT).")
		String bootstrapServers;

		@Option(names = "--topic",
				description = "One dead-letter topic (order-events.DLT, or just order-events). Default: every *.DLT topic.")
		String topic;

		DeadLetterOffice connect() {
			return DeadLetterOffice.connect((this.bootstrapServers != null) ? this.bootstrapServers
					: DeadLetterOffice.defaultBootstrapServers(System::getenv));
		}

	}

	/**
	 * Runs a dlt command, turning an unreachable Kafka or a wrong topic into one line.
	 */
	private static int guarded(CommandSpec spec, Callable<Integer> command) throws Exception {
		try {
			return command.call();
		}
		catch (KafkaUnreachableException ex) {
			spec.commandLine().getErr().println("error: " + ex.getMessage());
			return UNREACHABLE;
		}
		catch (IllegalArgumentException ex) {
			spec.commandLine().getErr().println("error: " + ex.getMessage());
			return 1;
		}
	}

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "Each dead-letter topic (how many, which errors, how many replayed), then the newest dead letters: where each came from, which consumer group gave up, why, when, and whether it was replayed.")
	static final class ListLetters implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@CommandLine.Mixin
		Connection connection = new Connection();

		@Option(names = "--limit", defaultValue = "50",
				description = "Show at most this many dead letters, the newest. Default: ${DEFAULT-VALUE}")
		int limit;

		@Override
		public Integer call() throws Exception {
			return guarded(this.spec, () -> {
				try (DeadLetterOffice office = this.connection.connect()) {
					var topics = office.deadLetterTopics(this.connection.topic);
					PrintWriter out = this.spec.commandLine().getOut();
					if (topics.isEmpty()) {
						out.printf("No dead-letter topics (*%s) on %s yet: the services create them at start.%n",
								DeadLetterOffice.SUFFIX, office.bootstrapServers());
						return 0;
					}
					out.print(DeadLetterTable.format(topics, office.read(topics), office.ledger(),
							Math.max(0, this.limit), Instant.now()));
					out.flush();
					return 0;
				}
			});
		}

	}

	@Command(name = "replay", mixinStandardHelpOptions = true,
			description = "Send dead letters back to their original topic (same key, value and headers, plus "
					+ DeadLetter.REPLAY_OF
					+ "), each once: a second replay sends nothing new. Consumers drop what they handled before, so a replay is safe.")
	static final class Replay implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@CommandLine.Mixin
		Connection connection = new Connection();

		@Option(names = "--exception", paramLabel = "SUBSTRING",
				description = "Only dead letters whose exception class contains this (any case), e.g. InjectedRejection. The others stay replayable.")
		String exception;

		@Option(names = "--again",
				description = "Send again what was replayed before (and only that): the consumers' inboxes drop the copies.")
		boolean again;

		@Override
		public Integer call() throws Exception {
			return guarded(this.spec, () -> {
				PrintWriter out = this.spec.commandLine().getOut();
				try (DeadLetterOffice office = this.connection.connect()) {
					ReplayPlan plan = office.plan(this.connection.topic, this.exception, this.again);
					plan.unreplayable()
						.forEach((letter, why) -> out.printf("cannot replay %s: %s%n", letter.at(), why));
					if (!plan.toSend().isEmpty()) {
						out.printf("Replaying %d dead letter(s)%s ...%n", plan.toSend().size(),
								this.again ? " again" : "");
					}
					out.flush();
					AtomicInteger sent = new AtomicInteger();
					ReplayResult result = office.replay(plan, (replay) -> {
						int count = sent.incrementAndGet();
						if (count <= PRINTED_REPLAYS) {
							out.printf("  %s -> %s  %s  key %s%n", replay.letter().at(), replay.to(),
									replay.letter().exceptionShortName(), replay.letter().keyText());
						}
						else if (count % 100 == 0) {
							out.printf("  ... %d of %d sent%n", count, plan.toSend().size());
						}
						out.flush();
					});
					if (sent.get() > PRINTED_REPLAYS && sent.get() % 100 != 0) {
						out.printf("  ... %d of %d sent%n", sent.get(), plan.toSend().size());
					}
					for (Map.Entry<DeadLetter, String> failure : result.failed().entrySet()) {
						out.printf("failed to send %s: %s%n", failure.getKey().at(), failure.getValue());
					}
					out.println(result.summary());
					out.flush();
					return result.failed().isEmpty() ? 0 : 1;
				}
			});
		}

	}

}
