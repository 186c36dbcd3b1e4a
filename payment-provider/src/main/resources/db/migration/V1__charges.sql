-- Every answer the provider gave, by the idempotency key it was asked with: a retry with the
-- same key reads its answer here instead of charging again. Portable between PostgreSQL and H2.

CREATE TABLE charges (
    idempotency_key     VARCHAR(100)             PRIMARY KEY,
    charge_id           VARCHAR(40)              NOT NULL UNIQUE,
    order_id            UUID                     NOT NULL,
    customer_id         VARCHAR(100)             NOT NULL,
    amount              NUMERIC(12,2)            NOT NULL,
    currency            VARCHAR(3)               NOT NULL,
    status              VARCHAR(16)              NOT NULL CHECK (status IN ('CAPTURED', 'DECLINED')),
    reason              VARCHAR(500),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    request_fingerprint VARCHAR(64)              NOT NULL
);

CREATE INDEX charges_by_order ON charges (order_id);

CREATE INDEX charges_by_time ON charges (created_at);
