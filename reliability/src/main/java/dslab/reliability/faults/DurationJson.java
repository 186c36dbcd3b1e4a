package dslab.reliability.faults;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

import org.springframework.boot.convert.DurationStyle;

/**
 * Durations in the JSON of {@code /admin/faults} written as in properties
 * ({@code "200ms"}, {@code "10s"}; ISO-8601 such as {@code "PT10S"} is read too), so a
 * knob reads the same in both places.
 */
final class DurationJson {

	private DurationJson() {
	}

	/** Reads and writes the annotated duration as text. */
	@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
	@Retention(RetentionPolicy.RUNTIME)
	@JacksonAnnotationsInside
	@JsonSerialize(using = Writer.class)
	@JsonDeserialize(using = Reader.class)
	@interface Text {

	}

	static final class Reader extends ValueDeserializer<Duration> {

		@Override
		public Duration deserialize(JsonParser parser, DeserializationContext context) {
			String text = parser.getValueAsString();
			try {
				return DurationStyle.detectAndParse(text);
			}
			catch (IllegalArgumentException ex) {
				throw context.weirdStringException(text, Duration.class,
						"not a duration such as \"200ms\", \"10s\" or \"PT10S\"");
			}
		}

	}

	static final class Writer extends ValueSerializer<Duration> {

		@Override
		public void serialize(Duration value, JsonGenerator generator, SerializationContext context) {
			ChronoUnit unit = (value.toMillis() % 1000 == 0) ? ChronoUnit.SECONDS : ChronoUnit.MILLIS;
			generator.writeString(DurationStyle.SIMPLE.print(value, unit));
		}

	}

}
