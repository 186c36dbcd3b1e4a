-- Per-key sequence numbers, the consumers' ordering checks and the relay's lease. Portable between
-- PostgreSQL and H2 in PostgreSQL mode.

-- The number the relay gave the row when it first published it (NULL until then); a resend after a
-- crash carries the same number.
ALTER TABLE outbox ADD COLUMN sequence BIGINT;

-- The last number the relay gave per topic and record key. Only the relay that holds the lease
-- writes it (and a zombie relay waits on the row lock, so a number is never given twice).
CREATE TABLE outbox_sequences (
    topic         VARCHAR(249) NOT NULL,
    record_key    VARCHAR(255) NOT NULL,
    last_sequence BIGINT       NOT NULL,
    PRIMARY KEY (topic, record_key)
);

-- Where each consumer is in each key's sequence, and what it saw out of line. One row per key,
-- written only by the consumer that owns the key's partition, inside its inbox transaction.
CREATE TABLE key_positions (
    consumer      VARCHAR(100)             NOT NULL,
    topic         VARCHAR(249)             NOT NULL,
    record_key    VARCHAR(255)             NOT NULL,
    last_sequence BIGINT                   NOT NULL,
    gaps          BIGINT                   DEFAULT 0 NOT NULL,
    out_of_order  BIGINT                   DEFAULT 0 NOT NULL,
    dead_lettered BIGINT                   DEFAULT 0 NOT NULL,
    replayed      BIGINT                   DEFAULT 0 NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer, topic, record_key)
);

-- Spring Integration's JdbcLockRegistry (schema-h2.sql / schema-postgresql.sql of
-- spring-integration-jdbc 7): the outbox relay's lease, so that one instance of a service relays.
CREATE TABLE int_lock (
    lock_key      CHAR(36)     NOT NULL,
    region        VARCHAR(100) NOT NULL,
    client_id     CHAR(36),
    created_date  TIMESTAMP    NOT NULL,
    expired_after TIMESTAMP    NOT NULL,
    CONSTRAINT int_lock_pk PRIMARY KEY (lock_key, region)
);
