-- One payment per order: what the payment provider answered when asked to charge it.
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

CREATE TABLE payments (
    payment_id  UUID                     PRIMARY KEY,
    order_id    UUID                     NOT NULL UNIQUE,
    customer_id VARCHAR(255)             NOT NULL,
    amount      NUMERIC(12,2)            NOT NULL,
    status      VARCHAR(16)              NOT NULL CHECK (status IN ('CAPTURED', 'DECLINED')),
    charge_id   VARCHAR(100),
    reason      VARCHAR(500),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
