-- The join state of orders split by SKU: what each order asked for, line by line, and what the
-- SKUs' owners answered. Written by the joiner (the owner of the order's partition of
-- stock-line-outcomes) and, once the order is reserved, by the splitter that settles its payment.
-- Portable between PostgreSQL and H2 in PostgreSQL mode.

CREATE TABLE order_reservations (
    order_id       UUID                     PRIMARY KEY,
    customer_id    VARCHAR(100)             NOT NULL,
    lines_expected INTEGER                  NOT NULL CHECK (lines_expected > 0),
    lines_answered INTEGER                  NOT NULL CHECK (lines_answered >= 0),
    status         VARCHAR(16)              NOT NULL
        CHECK (status IN ('PENDING', 'RESERVED', 'REJECTED', 'SOLD', 'RELEASED')),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT order_reservations_answers CHECK (lines_answered <= lines_expected)
);

-- One row per SKU of the order (quantities merged); outcome NULL until its owner answered, the
-- refusal's reason kept for StockRejected. No reference to stock_items: an unknown SKU is a line too.
CREATE TABLE order_reservation_lines (
    order_id   UUID          NOT NULL REFERENCES order_reservations (order_id),
    sku        VARCHAR(64)   NOT NULL,
    quantity   INTEGER       NOT NULL CHECK (quantity > 0),
    outcome    VARCHAR(16)   CHECK (outcome IN ('RESERVED', 'REFUSED')),
    unit_price NUMERIC(12,2) CHECK (unit_price >= 0),
    reason     VARCHAR(1000),
    PRIMARY KEY (order_id, sku)
);
