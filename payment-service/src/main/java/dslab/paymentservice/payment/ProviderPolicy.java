package dslab.paymentservice.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * How a charge calls the provider, from the inside out: a time limit on every call; a
 * circuit breaker that fails calls at once while the provider is down; a retry budget
 * that lets retries add at most a share of the first calls; retries with exponential
 * backoff and full jitter of the failures that may heal; and, beneath it all, at most
 * {@code saturation.max-in-flight} calls at once. A provider at its capacity, or that
 * limit reached, ends the delivery with {@link ProviderSaturatedException}, and the
 * consumer pauses. The numbers are in {@link ProviderSettings}. Resilience4j's metrics
 * ({@code resilience4j_retry_calls}, {@code resilience4j_circuitbreaker_state},
 * {@code resilience4j_timelimiter_calls}) are exported with this service's own:
 * {@code lab_payment_provider_calls} by outcome, {@code lab_payment_provider_in_flight},
 * and {@code lab_payment_retry_budget} by decision.
 */
@Component
class ProviderPolicy implements DisposableBean {

	static final String NAME = "payment-provider";

	private static final Logger logger = LoggerFactory.getLogger(ProviderPolicy.class);

	private final PaymentProvider provider;

	private final Retry retry;

	private final CircuitBreaker breaker;

	private final TimeLimiter timeLimiter;

	private final RetryBudget budget;

	private final Bulkhead inFlightLimit;

	private final Duration saturatedPause;

	private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

	private final MeterRegistry meters;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Counter retriesGranted;

	private final Counter retriesRefused;

	ProviderPolicy(PaymentProvider provider, ProviderSettings settings, MeterRegistry meters) {
		this.provider = provider;
		this.meters = meters;
		this.budget = new RetryBudget(settings.budget().ratio(), settings.budget().minRetries(),
				settings.budget().healthyBelow(), settings.budget().window(), Clock.systemUTC());
		this.retry = retry(settings.retry(), meters);
		this.breaker = breaker(settings.breaker(), meters);
		this.timeLimiter = timeLimiter(settings.timeLimit(), meters);
		this.inFlightLimit = inFlightLimit(settings.saturation().maxInFlight(), meters);
		this.saturatedPause = settings.saturation().pause();
		this.retriesGranted = Counter.builder("lab.payment.retry.budget")
			.description("Retries of provider calls the retry budget allowed or refused")
			.tag("decision", "granted")
			.register(meters);
		this.retriesRefused = Counter.builder("lab.payment.retry.budget").tag("decision", "refused").register(meters);
		Gauge.builder("lab.payment.provider.in.flight", this.inFlight, AtomicInteger::get)
			.description("Calls to the provider waiting for an answer now")
			.register(meters);
		Gauge.builder("lab.payment.retry.budget.available", this.budget, RetryBudget::available)
			.description("Retries the budget would allow now (+Inf while the provider answers well)")
			.register(meters);
	}

	/**
	 * Charges the order, retrying as the policy allows.
	 * @param seenBefore whether an earlier call for this charge reached the provider, so
	 * that the next call is a retry for the budget
	 * @return captured or declined
	 * @throws ChargeNotMadeException if the calls of this delivery got no answer
	 * @throws ProviderDownException if the breaker is open and no call was made
	 * @throws ProviderSaturatedException if the provider is at its capacity, or this
	 * service at its limit of calls in flight, before any call of this delivery failed
	 * otherwise
	 * @throws ProviderRejectedChargeException if the provider rejected the request
	 */
	ChargeOutcome charge(UUID orderId, String customerId, BigDecimal amount, boolean seenBefore) {
		Delivery delivery = new Delivery(seenBefore);
		Supplier<ChargeOutcome> call = () -> delivery.call(() -> this.provider.charge(orderId, customerId, amount));
		try {
			return Retry.decorateSupplier(this.retry, CircuitBreaker.decorateSupplier(this.breaker, call)).get();
		}
		catch (CallNotPermittedException ex) {
			if (delivery.calls == 0) {
				throw new ProviderDownException(
						"Payment provider's circuit breaker is open; order " + orderId + " waits for it to close", ex);
			}
			throw delivery.notMade(orderId, ex);
		}
		catch (ProviderUnavailableException | RetryBudgetExhaustedException ex) {
			throw delivery.notMade(orderId, ex);
		}
		catch (ProviderSaturatedException ex) {
			// After a failure that reached the provider, the failed calls must be
			// recorded
			// (a timeout may have charged): the retry topics take the event, as for any
			// failure. Otherwise nothing was charged, and the consumer pauses.
			if (delivery.reached > 0 || delivery.outcomeUnknown) {
				throw delivery.notMade(orderId, ex);
			}
			throw (ex.retryAfter() != null) ? ex : new ProviderSaturatedException(ex.getMessage(), this.saturatedPause);
		}
	}

	CircuitBreaker.State breakerState() {
		return this.breaker.getState();
	}

	@Override
	public void destroy() {
		this.callers.shutdownNow();
	}

	private ChargeOutcome timeLimited(Supplier<ChargeOutcome> call) {
		// The permit is held until the call really ends: one cut off by the time limit
		// still occupies the provider.
		if (!this.inFlightLimit.tryAcquirePermission()) {
			throw new ProviderSaturatedException(
					"This service has " + this.inFlightLimit.getBulkheadConfig().getMaxConcurrentCalls()
							+ " calls to the provider in flight, its limit",
					this.saturatedPause);
		}
		Supplier<ChargeOutcome> limited = () -> {
			try {
				return call.get();
			}
			finally {
				this.inFlightLimit.onComplete();
			}
		};
		this.inFlight.incrementAndGet();
		try {
			return this.timeLimiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(limited, this.callers));
		}
		catch (TimeoutException ex) {
			throw ProviderUnavailableException.outcomeUnknown("Payment provider gave no answer within "
					+ this.timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toMillis() + " ms", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProviderUnavailableException.outcomeUnknown("Interrupted while charging", ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private void count(String outcome) {
		this.meters.counter("lab.payment.provider.calls", "outcome", outcome).increment();
	}

	private static Retry retry(ProviderSettings.Retry settings, MeterRegistry meters) {
		RetryRegistry registry = RetryRegistry.of(RetryConfig.<ChargeOutcome>custom()
			.maxAttempts(settings.maxAttempts())
			.intervalBiFunction(new FullJitterBackoff(settings.base(), settings.cap(), new Random()))
			.retryOnException((failure) -> failure instanceof ProviderUnavailableException unavailable
					&& (unavailable.retryAfter() == null
							|| unavailable.retryAfter().compareTo(settings.maxRetryAfter()) <= 0))
			.build());
		TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
		Retry retry = registry.retry(NAME);
		retry.getEventPublisher()
			.onRetry((event) -> logger.warn("Charge call {} failed ({}); retrying in {} ms",
					event.getNumberOfRetryAttempts(), event.getLastThrowable().getMessage(),
					event.getWaitInterval().toMillis()));
		return retry;
	}

	private static CircuitBreaker breaker(ProviderSettings.Breaker settings, MeterRegistry meters) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(SlidingWindowType.TIME_BASED)
			.slidingWindowSize((int) Math.max(1, settings.window().toSeconds()))
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRate())
			.waitDurationInOpenState(settings.openFor())
			.permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.recordException(ProviderUnavailableException.class::isInstance)
			.ignoreException((failure) -> failure instanceof RetryBudgetExhaustedException
					|| failure instanceof ProviderRejectedChargeException
					|| failure instanceof ProviderSaturatedException)
			.build());
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		CircuitBreaker breaker = registry.circuitBreaker(NAME);
		breaker.getEventPublisher()
			.onStateTransition(
					(event) -> logger.warn("Payment provider circuit breaker: {}", event.getStateTransition()));
		return breaker;
	}

	private static Bulkhead inFlightLimit(int maxInFlight, MeterRegistry meters) {
		BulkheadRegistry registry = BulkheadRegistry
			.of(BulkheadConfig.custom().maxConcurrentCalls(maxInFlight).maxWaitDuration(Duration.ZERO).build());
		TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
		return registry.bulkhead(NAME);
	}

	private static TimeLimiter timeLimiter(Duration limit, MeterRegistry meters) {
		TimeLimiterRegistry registry = TimeLimiterRegistry
			.of(TimeLimiterConfig.custom().timeoutDuration(limit).cancelRunningFuture(true).build());
		TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(registry).bindTo(meters);
		return registry.timeLimiter(NAME);
	}

	/**
	 * The calls of one delivery of a charge. A call is a retry for the budget once an
	 * earlier call of the same charge reached the provider, in this delivery or an
	 * earlier one; until then (refused connections) it is a first call.
	 */
	private final class Delivery {

		private boolean seenBefore;

		private int calls;

		private int reached;

		private boolean outcomeUnknown;

		private Delivery(boolean seenBefore) {
			this.seenBefore = seenBefore;
		}

		ChargeOutcome call(Supplier<ChargeOutcome> charge) {
			if (!this.seenBefore) {
				ProviderPolicy.this.budget.firstCall();
			}
			else if (ProviderPolicy.this.budget.tryRetry()) {
				ProviderPolicy.this.retriesGranted.increment();
			}
			else {
				ProviderPolicy.this.retriesRefused.increment();
				throw new RetryBudgetExhaustedException("The retry budget is spent");
			}
			this.calls++;
			try {
				ChargeOutcome outcome = timeLimited(charge);
				ProviderPolicy.this.budget.answered();
				count((outcome instanceof ChargeOutcome.Captured) ? "captured" : "declined");
				return outcome;
			}
			catch (ProviderUnavailableException ex) {
				this.outcomeUnknown |= !ex.certainlyNotCharged();
				if (ex.reachedProvider()) {
					ProviderPolicy.this.budget.failed();
					this.seenBefore = true;
					this.reached++;
				}
				count(ex.certainlyNotCharged() ? "refused" : "unknown");
				throw ex;
			}
			catch (ProviderRejectedChargeException ex) {
				count("rejected");
				throw ex;
			}
			catch (ProviderSaturatedException ex) {
				count("saturated");
				throw ex;
			}
		}

		ChargeNotMadeException notMade(UUID orderId, RuntimeException last) {
			return new ChargeNotMadeException(
					"Charge of order " + orderId + " not made after " + this.calls + " call(s): " + last.getMessage(),
					last, this.calls, this.reached, this.outcomeUnknown);
		}

	}

}
