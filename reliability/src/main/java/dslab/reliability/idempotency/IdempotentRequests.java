package dslab.reliability.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dslab.reliability.faults.CrashPoint;
import dslab.reliability.faults.Faults;
import dslab.reliability.idempotency.IdempotencyKeyStore.KeyRecord;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Runs requests that carry an {@code Idempotency-Key} at most once per key, after the
 * IETF httpapi draft "The Idempotency-Key HTTP Header Field" and Stripe's behaviour.
 * <ol>
 * <li>Lock: the key is stored, locked and committed, with a fingerprint of the request. A
 * key already stored answers at once: the stored response replayed (marked
 * {@value #REPLAYED_HEADER}), 409 while its first request is in progress, 422 if the
 * request differs from the first.</li>
 * <li>Work: in one transaction, the request's effect (the caller's, e.g. an order and its
 * outbox row) and its response stored on the key. A client error the work answers (4xx)
 * is stored instead, without the effect; any other failure deletes the key, since nothing
 * was kept, so a retry runs afresh.</li>
 * <li>Reply.</li>
 * </ol>
 * A process that dies between 1 and 2 leaves the key locked; after the lock timeout the
 * next request with it takes it over, and a slow holder that comes back finds the lock
 * gone and changes nothing. A process that dies after 2 has stored the response: the
 * retry replays it.
 */
public class IdempotentRequests {

	/** The request header that names the key. */
	public static final String KEY_HEADER = "Idempotency-Key";

	/** The response header that marks a replayed response, as Stripe names it. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	/** What a key may be: up to 100 characters that need no quoting or escaping. */
	static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private static final Logger logger = LoggerFactory.getLogger(IdempotentRequests.class);

	private static final JsonMapper CANONICAL = JsonMapper.builder()
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private final IdempotencyKeyStore store;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final IdempotencySettings settings;

	private final Faults faults;

	private final MeterRegistry meters;

	private final Clock clock;

	IdempotentRequests(IdempotencyKeyStore store, TransactionTemplate transactions, JsonMapper json,
			IdempotencySettings settings, Faults faults, MeterRegistry meters, Clock clock) {
		this.store = store;
		this.transactions = transactions;
		this.json = json;
		this.settings = settings;
		this.faults = faults;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Runs {@code work} once for the request's key and answers with its response, or
	 * answers a retry with the stored one.
	 * @param request the key, its scope and the request's canonical form
	 * @param work the request's effect, run in the transaction that stores its response;
	 * an {@link ErrorResponseException} with a 4xx status is the response to store
	 * instead of an effect
	 * @return the response, its body as sent (JSON)
	 * @throws ErrorResponseException 400 for a missing or malformed key, 409 while the
	 * key's first request is in progress, 422 for a key reused with another request
	 */
	public ResponseEntity<String> execute(IdempotentRequest request, Supplier<ResponseEntity<?>> work) {
		String key = validKey(request.key());
		String fingerprint = fingerprint(request);
		Lock lock = lock(request.scope(), key, fingerprint);
		if (lock.replay() != null) {
			count("replayed");
			logger.info("Replayed the response to Idempotency-Key {} of {}", key, request.scope());
			return lock.replay().toResponse(true);
		}
		this.faults.crashPoint(CrashPoint.AFTER_KEY_LOCK_BEFORE_WORK);
		StoredResponse response = runLocked(request.scope(), key, lock.token(), work);
		this.faults.crashPoint(CrashPoint.AFTER_WORK_COMMIT_BEFORE_REPLY);
		return response.toResponse(false);
	}

	private Lock lock(String scope, String key, String fingerprint) {
		for (int attempt = 0; attempt < 3; attempt++) {
			UUID token = UUID.randomUUID();
			Instant now = this.clock.instant();
			if (insertLocked(scope, key, fingerprint, token, now)) {
				return Lock.acquired(token);
			}
			Optional<KeyRecord> found = this.store.find(scope, key);
			if (found.isEmpty()) {
				continue; // expired and deleted in between: try again
			}
			KeyRecord stored = found.get();
			if (!stored.fingerprint().equals(fingerprint)) {
				count("mismatch");
				throw problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
						"Idempotency-Key reused for another request", "The Idempotency-Key " + key
								+ " was first used with a different request. Send this request" + " with a new key.");
			}
			if (stored.completed()) {
				return Lock.replay(stored.response());
			}
			if (stored.lockedAt().plus(this.settings.lockTimeout()).isAfter(now)) {
				throw inProgress(key);
			}
			if (this.store.takeOver(scope, key, stored.lockToken(), token, now)) {
				count("taken-over");
				logger.warn("Took over Idempotency-Key {} of {}: its request has held it since {}, past the lock"
						+ " timeout, and left nothing", key, scope, stored.lockedAt());
				return Lock.acquired(token);
			}
		}
		throw inProgress(key);
	}

	private boolean insertLocked(String scope, String key, String fingerprint, UUID token, Instant now) {
		try {
			return Boolean.TRUE.equals(this.transactions.execute((status) -> {
				this.store.deleteIfExpired(scope, key, now);
				return this.store.insertLocked(scope, key, fingerprint, token, now, this.settings.ttl());
			}));
		}
		catch (DuplicateKeyException ex) {
			return false; // H2 may report a concurrent insert of the same key this way
		}
		catch (PessimisticLockingFailureException ex) {
			throw inProgress(key);
		}
	}

	private StoredResponse runLocked(String scope, String key, UUID token, Supplier<ResponseEntity<?>> work) {
		try {
			StoredResponse response = this.transactions.execute((status) -> {
				KeyRecord held = this.store.lockRow(scope, key).orElse(null);
				if (held == null || held.completed() || !token.equals(held.lockToken())) {
					throw new LockLost();
				}
				StoredResponse produced = stored(work.get());
				this.store.complete(scope, key, token, produced);
				return produced;
			});
			count("executed");
			return response;
		}
		catch (LockLost ex) {
			count("lock-lost");
			logger.warn("Idempotency-Key {} of {} was taken over while its request ran; the request changed nothing",
					key, scope);
			throw inProgress(key);
		}
		catch (ErrorResponseException ex) {
			if (!ex.getStatusCode().is4xxClientError()) {
				release(scope, key, token);
				throw ex;
			}
			StoredResponse refusal = stored(ex);
			Boolean kept = this.transactions.execute((status) -> this.store.complete(scope, key, token, refusal));
			count(Boolean.TRUE.equals(kept) ? "refused" : "lock-lost");
			return refusal;
		}
		catch (RuntimeException | Error ex) {
			release(scope, key, token);
			throw ex;
		}
	}

	private void release(String scope, String key, UUID token) {
		try {
			this.transactions.executeWithoutResult((status) -> this.store.release(scope, key, token));
			count("released");
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release Idempotency-Key {} of {}; it frees itself after the lock timeout", key,
					scope, ex);
		}
	}

	private StoredResponse stored(ResponseEntity<?> response) {
		URI location = response.getHeaders().getLocation();
		return new StoredResponse(response.getStatusCode().value(), MediaType.APPLICATION_JSON_VALUE,
				(location != null) ? location.toString() : null, this.json.writeValueAsString(response.getBody()));
	}

	private StoredResponse stored(ErrorResponseException refusal) {
		ProblemDetail problem = refusal.getBody();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", (problem.getType() != null) ? problem.getType().toString() : "about:blank");
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return new StoredResponse(problem.getStatus(), MediaType.APPLICATION_PROBLEM_JSON_VALUE, null,
				this.json.writeValueAsString(body));
	}

	private static String validKey(String key) {
		if (key == null) {
			throw problem(HttpStatus.BAD_REQUEST, "idempotency-key-missing", "Idempotency-Key required",
					"This request needs an Idempotency-Key header, so that retrying it is safe: a new unique value"
							+ " (a UUID) per request, the same value on every retry of it.");
		}
		if (!KEY.matcher(key).matches()) {
			throw problem(HttpStatus.BAD_REQUEST, "idempotency-key-malformed", "Malformed Idempotency-Key",
					"The Idempotency-Key header must be 1 to 100 characters of A-Z, a-z, 0-9, '.', '_', ':'"
							+ " or '-'.");
		}
		return key;
	}

	static String fingerprint(IdempotentRequest request) {
		String canonical = request.operation() + "\n" + CANONICAL.writeValueAsString(request.canonicalBody());
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/**
	 * A 409 that asks for a retry in a second: a live first request takes milliseconds,
	 * and a dead one's lock times out within a few retries.
	 */
	private ErrorResponseException inProgress(String key) {
		count("in-progress");
		ErrorResponseException conflict = problem(HttpStatus.CONFLICT, "idempotency-key-in-use",
				"Request with this Idempotency-Key in progress", "The first request with Idempotency-Key " + key
						+ " is still being processed. Retry after it" + " completed to get its response.");
		conflict.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return conflict;
	}

	private static ErrorResponseException problem(HttpStatusCode status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:dslab:problem:" + type));
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

	private void count(String outcome) {
		this.meters.counter("lab.idempotency.requests", "outcome", outcome).increment();
	}

	/** The outcome of locking a key: the lock's token, or the response to replay. */
	private record Lock(UUID token, StoredResponse replay) {

		static Lock acquired(UUID token) {
			return new Lock(token, null);
		}

		static Lock replay(StoredResponse response) {
			return new Lock(null, response);
		}

	}

	/** The key's lock passed to another request while this one ran. */
	private static final class LockLost extends RuntimeException {

		LockLost() {
			super(null, null, false, false);
		}

	}

}
