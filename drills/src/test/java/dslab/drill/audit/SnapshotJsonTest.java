package dslab.drill.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dslab.drill.audit.ClientLedger.AcknowledgedOrder;
import dslab.drill.audit.ClientLedger.UnknownOutcome;
import dslab.drill.audit.InventorySnapshot.Reservation;
import dslab.drill.audit.InventorySnapshot.ReservationStatus;
import dslab.drill.audit.InventorySnapshot.Stock;
import dslab.drill.audit.OrderServiceSnapshot.Order;
import dslab.drill.audit.OrderServiceSnapshot.OrderStatus;
import dslab.drill.audit.PaymentServiceSnapshot.Payment;
import dslab.drill.audit.PaymentServiceSnapshot.PaymentStatus;
import dslab.drill.audit.ProviderSnapshot.Charge;
import dslab.drill.audit.ProviderSnapshot.ChargeStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SnapshotJsonTest {

	private static final UUID CONFIRMED = UUID.fromString("0b9e3f4e-6c1a-4d8e-9a57-2f1e3c4d5a60");

	private static final UUID CANCELLED = UUID.fromString("7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d");

	@Test
	void readsOrderServiceBooksWithNullAmountsKeysAndOffsetTimestamps() {
		OrderServiceSnapshot snapshot = SnapshotJson.read(example("order-service"), OrderServiceSnapshot.class);

		assertThat(snapshot.service()).isEqualTo("order-service");
		assertThat(snapshot.takenAt()).isEqualTo(Instant.parse("2026-07-08T10:15:30.123456789Z"));
		assertThat(snapshot.orders()).containsExactly(
				new Order(CONFIRMED, "c-1", OrderStatus.CONFIRMED, null, new BigDecimal("24.50"), "k-1",
						Instant.parse("2026-07-08T10:14:00.000001Z"), Instant.parse("2026-07-08T10:14:01.5Z")),
				new Order(UUID.fromString("5d1c0a2b-3e4f-4a6b-8c7d-9e0f1a2b3c4d"), "c-2", OrderStatus.REJECTED,
						"insufficient stock for SKU-2: requested 500, available 50", null, null,
						Instant.parse("2026-07-08T10:14:02Z"), Instant.parse("2026-07-08T10:14:02.75Z")),
				new Order(CANCELLED, "c-3", OrderStatus.CANCELLED, "card declined", new BigDecimal("36.75"), "k-7",
						Instant.parse("2026-07-08T10:14:03Z"), Instant.parse("2026-07-08T10:14:04Z")));
		assertThat(snapshot.consumers()).containsExactly(new ConsumerCount("order-service", 4, 1));
		assertThat(snapshot.outboxBacklog()).isEqualTo(3);
	}

	@Test
	void readsInventoryBooksIgnoringFieldsTheAuditDoesNotUse() {
		InventorySnapshot snapshot = SnapshotJson.read(example("inventory-service"), InventorySnapshot.class);

		assertThat(snapshot.stock()).containsExactly(new Stock("SKU-1", 100, 10, 108, 0, 2),
				new Stock("SKU-2", 50, 0, 50, 0, 0));
		assertThat(snapshot.reservations()).containsExactly(
				new Reservation(CONFIRMED, "SKU-1", 2, ReservationStatus.SOLD),
				new Reservation(CANCELLED, "SKU-1", 3, ReservationStatus.RELEASED));
		assertThat(snapshot.consumers()).containsExactly(new ConsumerCount("inventory-service", 9, 0));
		assertThat(snapshot.outboxBacklog()).isZero();
	}

	@Test
	void readsPaymentServiceBooks() {
		PaymentServiceSnapshot snapshot = SnapshotJson.read(example("payment-service"), PaymentServiceSnapshot.class);

		assertThat(snapshot.payments()).hasSize(2);
		Payment captured = snapshot.payments().getFirst();
		assertThat(captured.orderId()).isEqualTo(CONFIRMED);
		assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
		assertThat(captured.amount()).isEqualByComparingTo("24.50");
		assertThat(captured.chargeId()).isEqualTo("ch_6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
		assertThat(snapshot.payments().get(1).reason()).isEqualTo("card declined");
		assertThat(snapshot.consumers()).containsExactly(new ConsumerCount("payment-service", 2, 2));
		assertThat(snapshot.outboxBacklog()).isOne();
	}

	@Test
	void readsTheProvidersCharges() {
		ProviderSnapshot snapshot = SnapshotJson.read(example("payment-provider"), ProviderSnapshot.class);

		assertThat(snapshot.charges()).containsExactly(
				new Charge("order-" + CONFIRMED, "ch_6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", CONFIRMED, "c-1",
						new BigDecimal("24.50"), ChargeStatus.CAPTURED, null),
				new Charge("order-" + CANCELLED, "ch_0a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f", CANCELLED, "c-3",
						new BigDecimal("36.75"), ChargeStatus.DECLINED, "card declined"));
	}

	@Test
	void readsAnEmptyServiceAsEmptyLists() {
		OrderServiceSnapshot snapshot = SnapshotJson.read("""
				{"service":"order-service","takenAt":"2026-07-08T10:15:30Z","orders":[],"outboxBacklog":0}""",
				OrderServiceSnapshot.class);

		assertThat(snapshot.orders()).isEmpty();
		assertThat(snapshot.consumers()).isEmpty();
	}

	@Test
	void refusesAStatusOutsideTheContract() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> SnapshotJson.read("""
				{"service":"payment-provider","takenAt":"2026-07-08T10:15:30Z","charges":[
				{"idempotencyKey":"k","chargeId":"ch_1","status":"REFUNDED"}]}""", ProviderSnapshot.class))
			.withMessageContaining("REFUNDED");
	}

	@Test
	void auditsTheExampleDocumentsAsOneConsistentLab() {
		Snapshots snapshots = new Snapshots(SnapshotJson.read(example("order-service"), OrderServiceSnapshot.class),
				SnapshotJson.read(example("inventory-service"), InventorySnapshot.class),
				SnapshotJson.read(example("payment-service"), PaymentServiceSnapshot.class),
				SnapshotJson.read(example("payment-provider"), ProviderSnapshot.class));

		AuditReport report = new Auditor().audit(snapshots,
				new ClientLedger(List.of(new AcknowledgedOrder(CONFIRMED, new BigDecimal("24.5"))),
						List.of(new UnknownOutcome("c-3", "k-7", "timeout"))));

		assertThat(report.passed()).as(report.summary()).isTrue();
		assertThat(report.figures().orders()).isEqualTo(3);
		assertThat(report.figures().unknownOutcomesPlaced()).isOne();
		assertThat(report.figures().outboxBacklogs()).containsEntry("order-service", 3L)
			.containsEntry("payment-service", 1L);
		assertThat(report.figures().consumerDuplicates()).containsEntry("order-service/order-service", 1L)
			.containsEntry("payment-service/payment-service", 2L);
	}

	static String example(String service) {
		try (InputStream in = SnapshotJsonTest.class.getResourceAsStream("/audit/" + service + ".json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
