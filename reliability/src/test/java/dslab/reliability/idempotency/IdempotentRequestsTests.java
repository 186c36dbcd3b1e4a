package dslab.reliability.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dslab.reliability.faults.FaultProperties;
import dslab.reliability.faults.Faults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.Driver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The key protocol on a real (H2) database with a clock the test moves: what is stored,
 * replayed, refused and taken over, and what a failed or overtaken request leaves.
 */
class IdempotentRequestsTests {

	private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration TTL = Duration.ofHours(24);

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final JdbcClient jdbc;

	private final IdempotencyKeyStore store;

	private final IdempotentRequests requests;

	private final AtomicInteger effects = new AtomicInteger();

	private final AtomicInteger halts = new AtomicInteger();

	private final CountDownLatch pausedAtCrashPoint = new CountDownLatch(1);

	private final CountDownLatch resume = new CountDownLatch(1);

	private final Faults faults;

	IdempotentRequestsTests() {
		DataSource database = new SimpleDriverDataSource(new Driver(), "jdbc:h2:mem:keys-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(database).locations(IdempotencyAutoConfiguration.MIGRATIONS).load().migrate();
		this.jdbc = JdbcClient.create(database);
		this.store = new IdempotencyKeyStore(this.jdbc);
		this.faults = new Faults(new FaultProperties(null, null, 0, null, null, Duration.ofSeconds(10)), new Random(),
				(status) -> {
					// The first request to reach an armed crash point pauses there, as in
					// a
					// long GC pause, until the test resumes it; later ones pass.
					if (this.halts.getAndIncrement() == 0) {
						this.pausedAtCrashPoint.countDown();
						await(this.resume);
					}
				}, new SimpleMeterRegistry());
		this.requests = new IdempotentRequests(this.store,
				new TransactionTemplate(new DataSourceTransactionManager(database)), JsonMapper.builder().build(),
				new IdempotencySettings(true, TTL, LOCK_TIMEOUT, Duration.ofMinutes(1)), this.faults,
				new SimpleMeterRegistry(), this.clock);
	}

	@Test
	void runsWorkOnceAndReplaysItsResponseExactly() {
		ResponseEntity<String> first = this.requests.execute(request("k-1", "a"), this::created);
		ResponseEntity<String> again = this.requests.execute(request("k-1", "a"), this::created);

		assertThat(this.effects).hasValue(1);
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getHeaders().containsHeader(IdempotentRequests.REPLAYED_HEADER)).isFalse();
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getBody()).isEqualTo(first.getBody());
		assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(again.getHeaders().getContentType()).isEqualTo(first.getHeaders().getContentType());
		assertThat(again.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
	}

	@Test
	void sameKeyWithAnotherRequestIsUnprocessable() {
		this.requests.execute(request("k-1", "a"), this::created);

		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> this.requests.execute(request("k-1", "b"), this::created))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
		assertThat(this.effects).hasValue(1);
	}

	@Test
	void sameKeyInAnotherScopeIsAnotherRequest() {
		this.requests.execute(new IdempotentRequest("customer:a", "k-1", "POST /things", Map.of("v", "a")),
				this::created);
		this.requests.execute(new IdempotentRequest("customer:b", "k-1", "POST /things", Map.of("v", "b")),
				this::created);

		assertThat(this.effects).hasValue(2);
	}

	@Test
	void keyIsRequiredAndMustBeWellFormed() {
		for (String key : new String[] { null, "", "with space", "slash/inside", "k".repeat(101), "ключ" }) {
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> this.requests.execute(request(key, "a"), this::created))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
		}
		assertThat(this.effects).hasValue(0);
		assertThat(keys()).isZero();
	}

	@Test
	void keyHeldByARequestInProgressConflictsWithRetryAfter() throws Exception {
		CountDownLatch working = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<ResponseEntity<String>> first = CompletableFuture
			.supplyAsync(() -> this.requests.execute(request("k-1", "a"), () -> {
				working.countDown();
				await(finish);
				return created();
			}));
		assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();

		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> this.requests.execute(request("k-1", "a"), this::created))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
				assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("1");
			});
		finish.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(this.effects).hasValue(1);
	}

	@Test
	void keyLeftLockedByADeadProcessIsTakenOverAfterTheLockTimeout() {
		UUID deadToken = UUID.randomUUID();
		this.store.insertLocked("customer:a", "k-1", IdempotentRequests.fingerprint(request("k-1", "a")), deadToken,
				this.clock.instant(), TTL);

		this.clock.advance(LOCK_TIMEOUT.minusMillis(1));
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> this.requests.execute(request("k-1", "a"), this::created))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
		this.clock.advance(Duration.ofMillis(1));
		ResponseEntity<String> retried = this.requests.execute(request("k-1", "a"), this::created);

		assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(retried.getHeaders().containsHeader(IdempotentRequests.REPLAYED_HEADER)).isFalse();
		assertThat(this.effects).hasValue(1);
	}

	@Test
	void requestPausedPastTheLockTimeoutFindsItsKeyTakenOverAndChangesNothing() throws Exception {
		this.faults.apply(new FaultProperties(null, null, 0, Set.of("after-key-lock-before-work"), null, null));
		CompletableFuture<ResponseEntity<String>> paused = CompletableFuture
			.supplyAsync(() -> this.requests.execute(request("k-1", "a"), this::created));
		assertThat(this.pausedAtCrashPoint.await(10, TimeUnit.SECONDS)).isTrue();

		this.clock.advance(LOCK_TIMEOUT);
		ResponseEntity<String> takenOver = this.requests.execute(request("k-1", "a"), this::created);
		this.resume.countDown();

		assertThat(takenOver.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> paused.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(ErrorResponseException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
		assertThat(this.effects).hasValue(1);
	}

	@Test
	void clientErrorOfTheWorkIsStoredAndReplayedWithoutItsEffect() {
		ResponseEntity<String> first = this.requests.execute(request("k-1", "a"), this::refused);
		ResponseEntity<String> again = this.requests.execute(request("k-1", "a"), this::created);

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(first.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(first.getBody()).contains("\"detail\":\"refused on purpose\"");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(again.getBody()).isEqualTo(first.getBody());
		assertThat(again.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(this.effects).hasValue(0);
	}

	@Test
	void failureOfTheWorkReleasesTheKeySoARetryRunsAfresh() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.requests.execute(request("k-1", "a"), () -> {
				throw new IllegalStateException("database down");
			}));
		assertThat(keys()).isZero();

		assertThat(this.requests.execute(request("k-1", "a"), this::created).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(this.effects).hasValue(1);
	}

	@Test
	void expiredKeyIsANewRequestEvenBeforeTheSweep() {
		this.requests.execute(request("k-1", "a"), this::created);
		this.clock.advance(TTL);

		assertThat(this.requests.execute(request("k-1", "b"), this::created)
			.getHeaders()
			.containsHeader(IdempotentRequests.REPLAYED_HEADER)).isFalse();
		assertThat(this.effects).hasValue(2);
	}

	@Test
	void sweeperDeletesOnlyExpiredKeys() {
		IdempotencyKeySweeper sweeper = new IdempotencyKeySweeper(this.store,
				new IdempotencySettings(true, TTL, LOCK_TIMEOUT, Duration.ofMinutes(1)), this.clock,
				new SimpleMeterRegistry());
		this.requests.execute(request("k-old", "a"), this::created);
		this.clock.advance(Duration.ofHours(23));
		this.requests.execute(request("k-new", "a"), this::created);
		this.clock.advance(Duration.ofHours(1));

		assertThat(sweeper.sweep()).isEqualTo(1);
		assertThat(this.store.find("customer:a", "k-old")).isEmpty();
		assertThat(this.store.find("customer:a", "k-new")).isPresent();
	}

	@Test
	void fingerprintIgnoresPropertyOrderButNotValues() {
		String first = IdempotentRequests
			.fingerprint(new IdempotentRequest("s", "k", "POST /x", Map.of("a", 1, "b", 2)));
		Map<String, Object> otherOrder = new LinkedHashMap<>();
		otherOrder.put("b", 2);
		otherOrder.put("a", 1);
		String sameInOtherOrder = IdempotentRequests
			.fingerprint(new IdempotentRequest("s", "k", "POST /x", otherOrder));
		String otherValue = IdempotentRequests
			.fingerprint(new IdempotentRequest("s", "k", "POST /x", Map.of("a", 1, "b", 3)));
		String otherOperation = IdempotentRequests
			.fingerprint(new IdempotentRequest("s", "k", "PUT /x", Map.of("a", 1, "b", 2)));

		assertThat(sameInOtherOrder).isEqualTo(first);
		assertThat(otherValue).isNotEqualTo(first);
		assertThat(otherOperation).isNotEqualTo(first);
	}

	private static IdempotentRequest request(String key, String value) {
		return new IdempotentRequest("customer:a", key, "POST /things", Map.of("value", value));
	}

	private ResponseEntity<?> created() {
		int n = this.effects.incrementAndGet();
		return ResponseEntity.created(java.net.URI.create("/things/" + n)).body(Map.of("thing", n));
	}

	private ResponseEntity<?> refused() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"refused on purpose");
		throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
	}

	private long keys() {
		return this.jdbc.sql("SELECT COUNT(*) FROM idempotency_keys").query(Long.class).single();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A clock the test moves forward by hand. */
	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
