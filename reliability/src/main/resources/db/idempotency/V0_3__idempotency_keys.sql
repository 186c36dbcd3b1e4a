-- The idempotency-key store of services that take an Idempotency-Key header. Flyway finds this
-- file only where lab.idempotency.enabled=true (IdempotencyAutoConfiguration adds the location).
-- A key is unique per scope (the client: a customer, an API key); the row holds the fingerprint
-- of the first request, a lock while it runs, and once it completed the response to replay.
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

CREATE TABLE idempotency_keys (
    scope             VARCHAR(100)             NOT NULL,
    idempotency_key   VARCHAR(100)             NOT NULL,
    fingerprint       CHAR(64)                 NOT NULL,
    state             VARCHAR(16)              NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
    lock_token        UUID,
    locked_at         TIMESTAMP WITH TIME ZONE,
    response_status   INTEGER,
    response_type     VARCHAR(100),
    response_location VARCHAR(2048),
    response_body     VARCHAR,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
