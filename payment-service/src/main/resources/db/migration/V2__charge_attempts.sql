-- The failed calls of an order's charge so far, kept across deliveries and restarts: an
-- order is given up on only if none of them may have charged the customer.

CREATE TABLE charge_attempts (
    order_id        UUID                     PRIMARY KEY,
    calls           INTEGER                  NOT NULL,
    reached         INTEGER                  NOT NULL,
    outcome_unknown BOOLEAN                  NOT NULL,
    last_failure    VARCHAR(500),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
