-- Idempotency keys moved to the idempotency_keys store (lab.idempotency.*), which replays a key's
-- response for 24 h and then lets the key be used again. An order keeps the key it was placed
-- with, for the audit, but no longer makes it unique forever.
ALTER TABLE orders DROP CONSTRAINT orders_customer_idempotency_key;

CREATE INDEX orders_customer_idempotency_key ON orders (customer_id, idempotency_key);
