-- Orders, their lines and the timeline of saga events each one went through. Portable between
-- PostgreSQL and H2 in PostgreSQL mode. Reasons and details come from other services' events and
-- have no length limit, so that a long one can never block the consumer.

CREATE TABLE orders (
    id              UUID                     PRIMARY KEY,
    customer_id     VARCHAR(64)              NOT NULL,
    status          VARCHAR(16)              NOT NULL
        CHECK (status IN ('PENDING', 'RESERVED', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    reason          VARCHAR,
    amount          NUMERIC(12, 2),
    idempotency_key VARCHAR(100),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT orders_customer_idempotency_key UNIQUE (customer_id, idempotency_key)
);

CREATE INDEX orders_customer_created ON orders (customer_id, created_at);

CREATE TABLE order_lines (
    order_id UUID        NOT NULL REFERENCES orders (id),
    sku      VARCHAR(64) NOT NULL,
    quantity INTEGER     NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku)
);

CREATE TABLE order_timeline (
    order_id    UUID                     NOT NULL REFERENCES orders (id),
    event_id    UUID                     NOT NULL,
    type        VARCHAR(100)             NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    producer    VARCHAR(100)             NOT NULL,
    detail      VARCHAR,
    PRIMARY KEY (order_id, event_id)
);
