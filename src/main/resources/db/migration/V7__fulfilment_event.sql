-- Each order's outcome event (routes/order-fulfilment.yaml), written in the transaction that records the order: a
-- transactional outbox. published_at stays NULL until the event is on its topic. A replica that dies between the
-- commit and the publish leaves the record's offset uncommitted, so the record comes again; the order is then found
-- recorded, and its event, still unpublished, is published from here instead of being lost.
CREATE TABLE fulfilment_event (
    order_id     VARCHAR(64)      NOT NULL PRIMARY KEY REFERENCES fulfilment_order (order_id),
    topic        VARCHAR(249)     NOT NULL,
    payload      VARCHAR(1000000) NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE
);
