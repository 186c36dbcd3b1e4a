package dslab.reliability.idempotency;

/**
 * A request that carries an {@code Idempotency-Key}, as the store sees it.
 *
 * @param scope whose key it is: the same key string of two clients names two requests
 * (e.g. {@code customer:c-1})
 * @param key the header's value as sent, {@code null} if absent
 * @param operation what the request does, e.g. {@code POST /api/orders}: part of the
 * fingerprint, so one key cannot stand for two kinds of request
 * @param canonicalBody the request's meaning in a canonical form (parsed, validated,
 * unordered parts sorted), serialized with sorted properties for the fingerprint
 */
public record IdempotentRequest(String scope, String key, String operation, Object canonicalBody) {
}
