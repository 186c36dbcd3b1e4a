package dslab.drill.audit;

/**
 * How many events one of a service's consumers handled, and how many of them its inbox
 * dropped as duplicates.
 *
 * @param consumer the consumer's name, e.g. {@code order-service}
 * @param processed events whose effect ran
 * @param duplicates redeliveries the inbox recognised and dropped
 */
public record ConsumerCount(String consumer, long processed, long duplicates) {
}
