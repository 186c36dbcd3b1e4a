-- The catalogue with its stock, and what each order holds of it. Portable between PostgreSQL
-- and H2 in PostgreSQL mode.

CREATE TABLE stock_items (
    sku              VARCHAR(64)   PRIMARY KEY,
    name             VARCHAR(200)  NOT NULL,
    price            NUMERIC(12,2) NOT NULL CHECK (price >= 0),
    initial_quantity INTEGER       NOT NULL CHECK (initial_quantity >= 0),
    restocked        INTEGER       NOT NULL CHECK (restocked >= 0),
    available        INTEGER       NOT NULL CHECK (available >= 0),
    reserved         INTEGER       NOT NULL CHECK (reserved >= 0),
    sold             INTEGER       NOT NULL CHECK (sold >= 0),
    -- Stock is never created or lost, only moved between available, reserved and sold.
    CONSTRAINT stock_items_balance CHECK (initial_quantity + restocked = available + reserved + sold)
);

CREATE TABLE reservations (
    order_id   UUID                     NOT NULL,
    sku        VARCHAR(64)              NOT NULL REFERENCES stock_items (sku),
    quantity   INTEGER                  NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(12,2)            NOT NULL CHECK (unit_price >= 0),
    status     VARCHAR(16)              NOT NULL CHECK (status IN ('RESERVED', 'SOLD', 'RELEASED')),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, sku)
);
