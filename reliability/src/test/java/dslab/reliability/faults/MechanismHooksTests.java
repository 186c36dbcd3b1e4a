package dslab.reliability.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dslab.reliability.TestDatabases;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.envelope.EventEnvelope;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.outbox.OutboxRelay;
import dslab.reliability.ordering.KeyPositions;
import dslab.reliability.outbox.OutboxSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Where the inbox and the outbox relay call the fault hooks, on a real (H2) database. The
 * halter throws, so the code after a crash point never runs, as after a real crash.
 */
class MechanismHooksTests {

	private final DataSource database;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final List<Integer> halts = new CopyOnWriteArrayList<>();

	private final Faults faults = new Faults(new FaultProperties(null, null, 0, null, null, Duration.ofSeconds(10)),
			new Random(), (status) -> {
				this.halts.add(status);
				throw new Halted();
			}, new SimpleMeterRegistry());

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);

	MechanismHooksTests() {
		this.database = TestDatabases.migrated("hooks");
		this.jdbc = JdbcClient.create(this.database);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(this.database));
	}

	@Test
	void inboxFailsAnEventAtTheConsumeErrorRateBeforeItsTransaction() {
		Inbox inbox = new Inbox(this.jdbc, this.transactions, new SimpleMeterRegistry(), this.faults,
				new KeyPositions(this.jdbc, this.transactions, new SimpleMeterRegistry()));
		AtomicInteger applied = new AtomicInteger();
		this.faults.apply(new FaultProperties(null, Map.of("consume", 1.0), 0, null, null, null));

		assertThatExceptionOfType(InjectedFault.class)
			.isThrownBy(() -> inbox.handle("consumer", event(), (e) -> applied.incrementAndGet()));

		assertThat(applied).hasValue(0);
		assertThat(rows("inbox")).isZero();
	}

	@Test
	void inboxRefusesAnEventAtTheConsumeRejectRateBeforeItsTransaction() {
		Inbox inbox = new Inbox(this.jdbc, this.transactions, new SimpleMeterRegistry(), this.faults,
				new KeyPositions(this.jdbc, this.transactions, new SimpleMeterRegistry()));
		AtomicInteger applied = new AtomicInteger();
		this.faults.apply(new FaultProperties(null, null, Map.of("consume", 1.0), 0, null, null, null));

		assertThatExceptionOfType(InjectedRejection.class)
			.isThrownBy(() -> inbox.handle("consumer", event(), (e) -> applied.incrementAndGet()));

		assertThat(applied).hasValue(0);
		assertThat(rows("inbox")).isZero();
	}

	@Test
	void inboxCrashesAfterTheEffectCommittedBeforeReturningToTheListener() {
		Inbox inbox = new Inbox(this.jdbc, this.transactions, new SimpleMeterRegistry(), this.faults,
				new KeyPositions(this.jdbc, this.transactions, new SimpleMeterRegistry()));
		this.faults.apply(new FaultProperties(null, null, 0, Set.of("after-effect-before-offset-commit"), null, null));

		assertThatExceptionOfType(Halted.class).isThrownBy(() -> inbox.handle("consumer", event(), (e) -> {
		}));

		assertThat(this.halts).containsExactly(Faults.CRASH_STATUS);
		assertThat(rows("inbox")).isOne();
	}

	@Test
	void relayFailsABatchAtThePublishErrorRateBeforeSending() {
		OutboxRelay relay = relay();
		appendRow();
		this.faults.apply(new FaultProperties(null, Map.of("publish", 1.0), 0, null, null, null));

		assertThatExceptionOfType(InjectedFault.class).isThrownBy(relay::publishPending);

		verify(this.kafka, never()).send(any(ProducerRecord.class));
	}

	@Test
	void relayCrashesWithRowsReadBeforeSendingThem() {
		OutboxRelay relay = relay();
		appendRow();
		this.faults.apply(new FaultProperties(null, null, 0, Set.of("after-db-commit-before-publish"), null, null));

		assertThatExceptionOfType(Halted.class).isThrownBy(relay::publishPending);

		verify(this.kafka, never()).send(any(ProducerRecord.class));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single())
			.isOne();
	}

	@Test
	void relayInjectsNothingWhenThereIsNothingToPublish() throws InterruptedException {
		this.faults.apply(new FaultProperties(null, Map.of("publish", 1.0), 0, Set.of("after-db-commit-before-publish"),
				null, null));

		assertThat(relay().publishPending()).isZero();
		assertThat(this.halts).isEmpty();
	}

	private OutboxRelay relay() {
		return new OutboxRelay(this.jdbc, this.transactions,
				new EnvelopeCodec(JsonMapper.shared(), new EventCatalog(Map.of(), 1, List.of()), "test"),
				TestDatabases.leases(this.database, Duration.ofSeconds(10)), this.kafka,
				new OutboxSettings(null, 0, null, null), new SimpleMeterRegistry(), this.faults);
	}

	private void appendRow() {
		this.jdbc.sql("""
				INSERT INTO outbox (event_id, topic, record_key, event_type, envelope, created_at)
				VALUES (:eventId, 'topic', 'key', 'Pinged', '{}', :createdAt)
				""")
			.param("eventId", UUID.randomUUID())
			.param("createdAt", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
	}

	private long rows(String table) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	private static EventEnvelope event() {
		return new EventEnvelope(UUID.randomUUID(), "Pinged", 1, "key", null, Instant.now(), "flow", null, "test",
				"payload");
	}

	/** What a halted process would do: go no further. */
	private static final class Halted extends RuntimeException {

	}

}
