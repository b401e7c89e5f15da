-- Order fulfilment (routes/order-fulfilment.yaml). Portable SQL: runs on PostgreSQL (production, tests) and H2
-- (the embedded database of dev mode).

-- One row per order handled: fulfilled (every line reserved) or rejected (reason says which lines and why).
CREATE TABLE fulfilment_order (
    order_id         VARCHAR(64)   NOT NULL PRIMARY KEY,
    status           VARCHAR(16)   NOT NULL,
    reason           VARCHAR(500),
    customer_id      VARCHAR(64)   NOT NULL,
    currency         CHAR(3)       NOT NULL,
    shipping_method  VARCHAR(16)   NOT NULL,
    shipping_country CHAR(2)       NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fulfilment_order_status CHECK (status IN ('FULFILLED', 'REJECTED'))
);

-- The order's lines as the inventory answered them. Written in the same transaction as the order row.
CREATE TABLE fulfilment_order_line (
    order_id       VARCHAR(64)    NOT NULL REFERENCES fulfilment_order (order_id),
    line_no        INTEGER        NOT NULL,
    sku            VARCHAR(64)    NOT NULL,
    quantity       INTEGER        NOT NULL,
    unit_price     NUMERIC(19, 4) NOT NULL,
    status         VARCHAR(16)    NOT NULL,
    reservation_id VARCHAR(128),
    reason         VARCHAR(500),
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT fulfilment_order_line_status CHECK (status IN ('RESERVED', 'REJECTED'))
);

-- Camel's JDBC idempotent repository (JdbcMessageIdRepository, default table layout). Fulfilment adds an order's key
-- in the transaction that writes its rows.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(100) NOT NULL,
    createdAt     TIMESTAMP    NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
