package dslab.reliability.faults;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The fault knobs: set at start as {@code lab.faults.*}, and in the same shape (in JSON,
 * durations written the same way, e.g. {@code "200ms"}) as the body of
 * {@code POST /admin/faults} and the answer of {@code GET /admin/faults}. Operations and
 * crash points are named as in {@link Operation} and {@link CrashPoint}.
 *
 * @param latency delay added to an operation, by operation name
 * @param errorRate share of an operation's calls (0.0 to 1.0) that fail with an
 * {@link InjectedFault}, by operation name
 * @param rejectRate share of the events consumed (0.0 to 1.0) that are refused with an
 * {@link InjectedRejection}, which is never retried: only {@code consume} has it
 * @param freezeSeconds how long every hooked operation blocks, from now, as in a long GC
 * pause (0: no freeze; in an answer: the seconds left)
 * @param crashPoints the crash points at which the process halts
 * @param dropResponseRate share of an operation's replies (0.0 to 1.0) that are held
 * after the work is done and then dropped, by operation name
 * @param dropHold how long a dropped reply is held before its connection is closed:
 * longer than any caller's read timeout, so the caller sees a timeout
 */
@Validated
@ConfigurationProperties("lab.faults")
public record FaultProperties(Map<@OperationName String, @NotNull @Valid Latency> latency,
		Map<@OperationName String, @Rate Double> errorRate,
		Map<@RejectingOperationName String, @Rate Double> rejectRate, @PositiveOrZero Integer freezeSeconds,
		Set<@CrashPointName String> crashPoints, Map<@OperationName String, @Rate Double> dropResponseRate,
		@DefaultValue("10s") @DurationMin(nanos = 0,
				message = "must not be negative") @DurationJson.Text Duration dropHold) {

	@ConstructorBinding
	public FaultProperties {
		latency = sorted(latency);
		errorRate = sorted(errorRate);
		rejectRate = sorted(rejectRate);
		freezeSeconds = (freezeSeconds != null) ? freezeSeconds : 0;
		crashPoints = (crashPoints != null) ? Collections.unmodifiableSet(new TreeSet<>(crashPoints)) : Set.of();
		dropResponseRate = sorted(dropResponseRate);
	}

	/**
	 * Knobs without rejections, as they were before {@code rejectRate} came: code written
	 * then keeps compiling.
	 */
	public FaultProperties(Map<String, Latency> latency, Map<String, Double> errorRate, Integer freezeSeconds,
			Set<String> crashPoints, Map<String, Double> dropResponseRate, Duration dropHold) {
		this(latency, errorRate, null, freezeSeconds, crashPoints, dropResponseRate, dropHold);
	}

	private static <V> Map<String, V> sorted(Map<String, V> knobs) {
		return (knobs != null) ? Collections.unmodifiableMap(new TreeMap<>(knobs)) : Map.of();
	}

	/**
	 * Latency added to an operation: the fixed part plus a uniformly random part of up to
	 * the jitter.
	 *
	 * @param fixed added to every call
	 * @param jitter the most added on top, at random
	 */
	public record Latency(@DurationMin(nanos = 0, message = "must not be negative") @DurationJson.Text Duration fixed,
			@DurationMin(nanos = 0, message = "must not be negative") @DurationJson.Text Duration jitter) {

		public Latency {
			fixed = (fixed != null) ? fixed : Duration.ZERO;
			jitter = (jitter != null) ? jitter : Duration.ZERO;
		}

		Duration draw(RandomGenerator random) {
			if (!this.jitter.isPositive()) {
				return this.fixed;
			}
			return this.fixed.plusNanos(random.nextLong(this.jitter.toNanos() + 1));
		}

		boolean addsNothing() {
			return this.fixed.isZero() && this.jitter.isZero();
		}

	}

	/** The name of an {@link Operation}. */
	@Target(ElementType.TYPE_USE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = {})
	@NotNull
	@Pattern(regexp = Operation.NAMES)
	@ReportAsSingleViolation
	public @interface OperationName {

		String message() default "must name an operation: " + Operation.NAMES;

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	/**
	 * The name of an {@link Operation} whose calls can be refused for good: a consumed
	 * event can go to the dead-letter topic; an HTTP call or a publish has nowhere to go.
	 */
	@Target(ElementType.TYPE_USE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = {})
	@NotNull
	@Pattern(regexp = "consume")
	@ReportAsSingleViolation
	public @interface RejectingOperationName {

		String message() default "only consume can reject: a rejected event goes to the dead-letter topic";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	/** The name of a {@link CrashPoint}. */
	@Target(ElementType.TYPE_USE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = {})
	@NotNull
	@Pattern(regexp = CrashPoint.NAMES)
	@ReportAsSingleViolation
	public @interface CrashPointName {

		String message() default "must name a crash point: " + CrashPoint.NAMES;

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	/** A share of calls, from 0.0 (none) to 1.0 (all). */
	@Target(ElementType.TYPE_USE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = {})
	@NotNull
	@DecimalMin("0.0")
	@DecimalMax("1.0")
	@ReportAsSingleViolation
	public @interface Rate {

		String message() default "must be a rate from 0.0 to 1.0";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

}
