package dslab.drill.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dslab.drill.audit.AuditClient;
import dslab.drill.audit.AuditReport;
import dslab.drill.audit.Auditor;
import dslab.drill.audit.Figures;
import dslab.drill.audit.OrderServiceSnapshot;
import dslab.drill.dlt.DeadLetter;
import dslab.drill.dlt.DeadLetterOffice;
import dslab.drill.dlt.RecordPosition;
import dslab.drill.dlt.ReplayLedger;
import dslab.drill.dlt.ReplayResult;
import dslab.drill.run.Drill;
import dslab.drill.run.DrillContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Poison on a topic, then a consumer that refuses good events for a while (a bad deploy):
 * both go to the dead-letter topics with the reason and their origin while the rest of
 * the pipeline flows. Once the bug is fixed, the refused events are replayed (with the
 * code behind {@code ./drill dlt replay}), the stalled orders finish, a second replay
 * sends nothing, and sending the replays again changes no books.
 */
final class PoisonEvent implements Drill {

	static final String TOPIC = "order-events";

	static final String CONSUMER = "inventory-service";

	static final String PAYMENT_TOPIC = "payment-events";

	/**
	 * inventory-service's internal topics: stock movements keyed by SKU, answers by
	 * order.
	 */
	static final String STOCK_MOVEMENTS = "stock-movements";

	static final String LINE_OUTCOMES = "stock-line-outcomes";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final double RATE = 10;

	static final Duration LOAD = Duration.ofSeconds(25);

	/** Records of each kind of poison. */
	static final int EACH = 3;

	static final double REJECT_RATE = 0.3;

	static final Duration BAD_DEPLOY = Duration.ofSeconds(8);

	static final String REJECTION = "InjectedRejection";

	static final String MALFORMED = "dslab.reliability.envelope.MalformedEventException";

	/** What poison a record carries, and what its dead letter must say. */
	enum Poison {

		NOT_JSON("not JSON", "Cannot decode event"),

		UNKNOWN_TYPE("of an unknown type", "Unknown event type"),

		BREAKS_CONTRACT("an OrderPlaced that breaks the contract", "Invalid OrderPlaced");

		final String description;

		final String error;

		Poison(String description, String error) {
			this.description = description;
			this.error = error;
		}

	}

	@Override
	public String name() {
		return "poison-event";
	}

	@Override
	public String lesson() {
		return "poison and a bad deploy: dead-lettered with the reason, the pipeline flows, the fix replayed once";
	}

	@Override
	public String duration() {
		return "~50 s";
	}

	@Override
	public void run(DrillContext context) {
		context.ensureStock(Drills.LOAD_SKUS, 100_000);
		try (DeadLetterOffice office = DeadLetterOffice.connect(context.lab().kafkaBootstrap())) {
			Set<RecordPosition> earlier = positions(office.read(office.deadLetterTopics(null)));
			context.narrator().step("open-loop load: %.0f orders/s for %d s", RATE, LOAD.toSeconds());
			DrillContext.RunningLoad load = context.startLoad(LOAD, RATE);
			context.pause(Duration.ofSeconds(3));
			Map<RecordPosition, Poison> poison = injectPoison(context, office);
			int refusals = badDeploy(context);
			load.finish();
			List<DeadLetter> refused = awaitRefused(context, office, earlier, refusals);
			awaitStalledOnly(context, refused);
			replay(context, office, refused);
			replayAgain(context, office);
			poisonStays(context, office, poison);
			context.finding("dead letters of this drill", "%s",
					byKind(office.read(office.deadLetterTopics(null)), earlier));
		}
	}

	/**
	 * Puts poison straight on the topic, as a broken producer would, and checks that each
	 * record reached the dead-letter topic with its error and its origin.
	 */
	private Map<RecordPosition, Poison> injectPoison(DrillContext context, DeadLetterOffice office) {
		context.narrator()
			.step("injecting %d poison records into %s: %d not JSON, %d of an unknown type, %d OrderPlaced that break the contract",
					EACH * Poison.values().length, TOPIC, EACH, EACH, EACH);
		context.narrator().watch("./drill dlt list --topic %s.DLT", TOPIC);
		Instant injected = Instant.now();
		Map<RecordPosition, Poison> poison = new LinkedHashMap<>();
		for (Poison kind : Poison.values()) {
			for (int i = 0; i < EACH; i++) {
				String key = UUID.randomUUID().toString();
				poison.put(office.publish(TOPIC, key, poisonValue(kind, i, key).getBytes(StandardCharsets.UTF_8)),
						kind);
			}
		}
		Map<RecordPosition, DeadLetter> found = new LinkedHashMap<>();
		context.awaitCondition("the poison in " + TOPIC + ".DLT", Duration.ofSeconds(30), () -> {
			office.read(office.deadLetterTopics(TOPIC))
				.forEach((letter) -> letter.original()
					.filter(poison::containsKey)
					.ifPresent((original) -> found.put(original, letter)));
			return found.size() == poison.size();
		});
		double seconds = Duration.between(injected, Instant.now()).toMillis() / 1000.0;
		List<String> wrong = new ArrayList<>();
		poison.forEach((position, kind) -> {
			DeadLetter letter = found.get(position);
			if (letter == null) {
				wrong.add(kind.description + " record " + position + " is not in " + TOPIC + ".DLT");
				return;
			}
			if (!letter.exception().equals(MALFORMED) || !letter.message().startsWith(kind.error)
					|| !letter.consumerGroup().equals(Optional.of(CONSUMER))
					|| letter.at().partition() != position.partition()) {
				wrong.add(letter.at() + " (from " + position + "): " + letter.exception() + " '" + letter.message()
						+ "', group " + letter.consumerGroup().orElse("?") + ", expected " + MALFORMED + " '"
						+ kind.error + "...' from " + CONSUMER + " in partition " + position.partition());
			}
		});
		context.check("each poison record is in " + TOPIC + ".DLT with its error, original topic, partition and offset",
				wrong);
		context.finding("poison dead-lettered", "%d of %d within %.1f s", found.size(), poison.size(), seconds);
		context.measureRecovery("the poison", injected, Duration.ofSeconds(30));
		return poison;
	}

	/** A consumer with a bug refuses some of the events it consumes, until the fix. */
	private int badDeploy(DrillContext context) {
		double before = rejections(context);
		context.narrator()
			.step("bad deploy: %s refuses %.0f%% of the events it consumes for %d s", CONSUMER, REJECT_RATE * 100,
					BAD_DEPLOY.toSeconds());
		context.narrator().watch("./cluster logs %s | grep Dead-lettering", CONSUMER);
		context.narrator()
			.watch("curl -s localhost:8083/actuator/prometheus | grep 'lab_faults_injected_total{kind=\"reject\"'");
		context.lab().injectFaults(CONSUMER, "{\"rejectRate\":{\"consume\":" + REJECT_RATE + "}}");
		context.pause(BAD_DEPLOY);
		context.lab().clearFaults(CONSUMER);
		context.narrator().step("the fix is deployed: %s refuses nothing any more", CONSUMER);
		return (int) (rejections(context) - before);
	}

	/** Every refusal has reached a dead-letter topic. */
	private List<DeadLetter> awaitRefused(DrillContext context, DeadLetterOffice office, Set<RecordPosition> earlier,
			int count) {
		List<DeadLetter> refused = new ArrayList<>();
		context.awaitCondition("the refused events in the dead-letter topics", Duration.ofSeconds(30), () -> {
			refused.clear();
			office.read(office.deadLetterTopics(null))
				.stream()
				.filter((letter) -> !earlier.contains(letter.at()) && letter.failedWith(REJECTION))
				.forEach(refused::add);
			return refused.size() >= count;
		});
		Map<String, Long> byTopic = refused.stream()
			.collect(Collectors.groupingBy((letter) -> letter.originalTopic().orElse("?"), TreeMap::new,
					Collectors.counting()));
		context.finding("events refused by the bad deploy", "%d of %d dead-lettered (%s)", refused.size(), count,
				byTopic.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + " " + entry.getValue())
					.collect(Collectors.joining(", ")));
		return refused;
	}

	/**
	 * Everything else flows on: the orders one of whose reservation steps was refused,
	 * and only those, wait; a refused payment outcome, sale or release leaves its stock
	 * held. The bad deploy hits all of inventory-service's consumers: the splitter's
	 * {@code OrderPlaced}, the SKU owners' {@code ReserveLine} (keyed by SKU, the order
	 * is in the payload) and the joiner's line outcomes (keyed by order).
	 */
	private void awaitStalledOnly(DrillContext context, List<DeadLetter> refused) {
		Set<UUID> stalled = refused.stream()
			.map(PoisonEvent::orderItStalls)
			.flatMap(Optional::stream)
			.collect(Collectors.toSet());
		context.narrator().step("waiting until every order not hit by the bad deploy has finished");
		Set<UUID> pending = new HashSet<>();
		boolean settled = context.awaitCondition("the other orders", Duration.ofSeconds(60), () -> {
			pending.clear();
			pending.addAll(pendingOrders(context));
			return pending.equals(stalled);
		});
		List<String> wrong = new ArrayList<>();
		if (!settled) {
			Set<UUID> unexpected = new HashSet<>(pending);
			unexpected.removeAll(stalled);
			Set<UUID> missing = new HashSet<>(stalled);
			missing.removeAll(pending);
			unexpected
				.forEach((order) -> wrong.add("order " + order + " is pending, though nothing of it was refused"));
			missing.forEach(
					(order) -> wrong.add("order " + order + " finished, though a step of its reservation was refused"));
		}
		context.check("the orders whose reservation was refused at any step, and only those, wait", wrong);
		AuditReport now = quietAudit(context);
		context.finding("before the replay", "%d orders pending; audit: %s", now.figures().pending(),
				now.failed().isEmpty() ? "passes"
						: now.failed()
							.stream()
							.map((check) -> check.name() + " (" + check.violations().size() + ")")
							.collect(Collectors.joining("; ")));
	}

	/** The order whose reservation a refused event holds up, if it holds one up. */
	static Optional<UUID> orderItStalls(DeadLetter letter) {
		String topic = letter.originalTopic().orElse("");
		if (topic.equals(TOPIC) || topic.equals(LINE_OUTCOMES)) {
			return Optional.of(UUID.fromString(letter.keyText()));
		}
		if (topic.equals(STOCK_MOVEMENTS)) {
			JsonNode envelope = JSON.readTree(new String(letter.value(), StandardCharsets.UTF_8));
			if (envelope.path("type").asString().equals("ReserveLine")) {
				return Optional.of(UUID.fromString(envelope.path("payload").path("orderId").asString()));
			}
		}
		return Optional.empty();
	}

	/**
	 * Replays what the bad deploy refused, and times how long until the books are whole.
	 */
	private void replay(DrillContext context, DeadLetterOffice office, List<DeadLetter> refused) {
		context.narrator().step("replaying the refused events: ./drill dlt replay --exception %s", REJECTION);
		Map<String, Long> duplicatesBefore = quietAudit(context).figures().consumerDuplicates();
		Instant start = Instant.now();
		ReplayResult result = office.replay(office.plan(null, REJECTION, false), (replay) -> {
		});
		context.narrator().note("%s", result.summary());
		Set<RecordPosition> sent = result.replayed()
			.stream()
			.map((replay) -> replay.letter().at())
			.collect(Collectors.toSet());
		context.check("the replay sent every refused event back to its topic",
				refused.stream()
					.filter((letter) -> !sent.contains(letter.at()))
					.map((letter) -> letter.at() + " was not replayed")
					.toList());
		context.narrator().watch("./drill dlt list (REPLAYED: yes)");
		boolean drained = context.awaitCondition("the replayed events to finish their orders", Duration.ofSeconds(90),
				() -> quietAudit(context).passed());
		context.finding("drain after the replay", drained ? "%.1f s" : "not within %.0f s",
				drained ? Duration.between(start, Instant.now()).toMillis() / 1000.0 : 90.0);
		// A replay reaches every consumer group of its topic, not only the one that
		// refused
		// it: order-service had handled each payment outcome already, and drops it.
		int handledElsewhere = result.sentByTopic().getOrDefault(PAYMENT_TOPIC, 0);
		context.awaitCondition("order-service to drop the replayed payment outcomes", Duration.ofSeconds(30),
				() -> total(quietAudit(context).figures().consumerDuplicates())
						- total(duplicatesBefore) >= handledElsewhere);
		context.finding("dropped as duplicates during the replay",
				"%s (%d replayed to %s, which order-service reads too)",
				difference(duplicatesBefore, quietAudit(context).figures().consumerDuplicates()), handledElsewhere,
				PAYMENT_TOPIC);
	}

	/**
	 * A second replay sends nothing; sending every replay again on purpose is dropped by
	 * the inboxes, and no book changes.
	 */
	private void replayAgain(DrillContext context, DeadLetterOffice office) {
		ReplayResult second = office.replay(office.plan(null, REJECTION, false), (replay) -> {
		});
		context.narrator().step("replaying again: %s", second.summary());
		context.check("a second replay sends nothing",
				(second.sent() == 0) ? List.of() : List.of(second.sent() + " records sent again"));
		Figures before = quietAudit(context).figures();
		ReplayResult again = office.replay(office.plan(null, REJECTION, true), (replay) -> {
		});
		context.narrator().step("sending every replay once more on purpose (--again): %s", again.summary());
		context.narrator().watch("./cluster logs %s | grep 'Dropped duplicate'", CONSUMER);
		long duplicatesBefore = total(before.consumerDuplicates());
		context.awaitCondition("the inboxes to drop every copy", Duration.ofSeconds(60),
				() -> total(quietAudit(context).figures().consumerDuplicates()) - duplicatesBefore >= again.sent());
		context.awaitQuiet(Duration.ofSeconds(60));
		Figures after = quietAudit(context).figures();
		List<String> changed = new ArrayList<>();
		compare(changed, "orders", before, after, Figures::orders);
		compare(changed, "confirmed", before, after, Figures::confirmed);
		compare(changed, "rejected", before, after, Figures::rejected);
		compare(changed, "cancelled", before, after, Figures::cancelled);
		compare(changed, "pending", before, after, Figures::pending);
		compare(changed, "double charges", before, after, Figures::doubleCharges);
		compare(changed, "stock violations", before, after, Figures::stockViolations);
		long dropped = total(after.consumerDuplicates()) - duplicatesBefore;
		if (dropped < again.sent()) {
			changed.add("the inboxes dropped " + dropped + " copies of " + again.sent() + " sent");
		}
		context.check("sending the replays again changed no books; the inboxes dropped every copy", changed);
		context.finding("sent again on purpose", "%d, duplicates dropped by inboxes %d (%s)", again.sent(), dropped,
				difference(before.consumerDuplicates(), after.consumerDuplicates()));
	}

	/** Malformed records can never succeed: no fix makes them valid, so they stay. */
	private void poisonStays(DrillContext context, DeadLetterOffice office, Map<RecordPosition, Poison> poison) {
		ReplayLedger ledger = office.ledger();
		List<String> replayed = office.read(office.deadLetterTopics(TOPIC))
			.stream()
			.filter((letter) -> letter.original().filter(poison::containsKey).isPresent())
			.filter(ledger::replayed)
			.map((letter) -> letter.at() + " was replayed")
			.toList();
		context.check("the poison stays in " + TOPIC + ".DLT, never replayed: it can never succeed", replayed);
		context.narrator()
			.note("the %d poison records stay in %s.DLT: no fix makes them valid (./drill dlt list shows them)",
					poison.size(), TOPIC);
	}

	private static String poisonValue(Poison kind, int i, String key) {
		return switch (kind) {
			case NOT_JSON -> List.of("this is not JSON", "{\"eventId\":\"unterminated",
					"<OrderPlaced><orderId>" + key + "</orderId></OrderPlaced>")
				.get(i % 3);
			case UNKNOWN_TYPE ->
				envelope(key, List.of("OrderShipped", "OrderTeleported", "orderplaced").get(i % 3), "{\"orderId\":\""
						+ key + "\",\"customerId\":\"c-poison\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}");
			case BREAKS_CONTRACT -> envelope(key, "OrderPlaced",
					List.of("{\"orderId\":\"" + key + "\",\"customerId\":\"c-poison\",\"lines\":[]}",
							"{\"orderId\":\"" + key
									+ "\",\"customerId\":\"c-poison\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":0}]}",
							"{\"customerId\":\"c-poison\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}")
						.get(i % 3));
		};
	}

	private static String envelope(String key, String type, String payload) {
		return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"schemaVersion\":1,\"key\":\""
				+ key + "\",\"occurredAt\":\"" + Instant.now() + "\",\"correlationId\":\"" + key
				+ "\",\"causationId\":null,\"producer\":\"poison-event-drill\",\"payload\":" + payload + "}";
	}

	private static Set<UUID> pendingOrders(DrillContext context) {
		try (AuditClient client = auditClient(context)) {
			return client.orderService()
				.orders()
				.stream()
				.filter((order) -> !order.status().isTerminal())
				.map(OrderServiceSnapshot.Order::orderId)
				.collect(Collectors.toSet());
		}
	}

	/** An audit that narrates nothing: the drill polls it. */
	private static AuditReport quietAudit(DrillContext context) {
		try (AuditClient client = auditClient(context)) {
			return new Auditor().audit(client.fetchAll(), context.ledger());
		}
	}

	private static AuditClient auditClient(DrillContext context) {
		return new AuditClient(
				new AuditClient.Targets(context.lab().service("order-service"), context.lab().service(CONSUMER),
						context.lab().service("payment-service"), context.lab().service("payment-provider")),
				context.lab().adminToken(), AuditClient.DEFAULT_TIMEOUT);
	}

	private static double rejections(DrillContext context) {
		return context.metric(CONSUMER, "lab_faults_injected_total", "kind", "reject");
	}

	private static Set<RecordPosition> positions(List<DeadLetter> letters) {
		return letters.stream().map(DeadLetter::at).collect(Collectors.toSet());
	}

	/** {@code order-events.DLT: MalformedEventException 9, InjectedRejection 21; ...}. */
	private static String byKind(List<DeadLetter> letters, Set<RecordPosition> earlier) {
		Map<String, Map<String, Long>> counts = letters.stream()
			.filter((letter) -> !earlier.contains(letter.at()))
			.collect(Collectors.groupingBy((letter) -> letter.at().topic(), TreeMap::new,
					Collectors.groupingBy(DeadLetter::exceptionShortName, TreeMap::new, Collectors.counting())));
		return counts.entrySet()
			.stream()
			.map((topic) -> topic.getKey() + ": "
					+ topic.getValue()
						.entrySet()
						.stream()
						.map((kind) -> kind.getKey() + " " + kind.getValue())
						.collect(Collectors.joining(", ")))
			.collect(Collectors.joining("; "));
	}

	private static void compare(List<String> changed, String figure, Figures before, Figures after,
			Function<Figures, Integer> value) {
		if (!Objects.equals(value.apply(before), value.apply(after))) {
			changed.add(figure + " went from " + value.apply(before) + " to " + value.apply(after));
		}
	}

	private static long total(Map<String, Long> counts) {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	private static String difference(Map<String, Long> before, Map<String, Long> after) {
		String grown = new TreeMap<>(after).entrySet()
			.stream()
			.filter((entry) -> entry.getValue() - before.getOrDefault(entry.getKey(), 0L) > 0)
			.map((entry) -> entry.getKey() + " +" + (entry.getValue() - before.getOrDefault(entry.getKey(), 0L)))
			.collect(Collectors.joining(", "));
		return grown.isEmpty() ? "none" : grown;
	}

}
