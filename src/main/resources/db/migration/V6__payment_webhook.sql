-- Payment webhook (routes/payment-webhook.yaml): the payment status the provider last reported for an order, and
-- the ids of the webhook events already processed, so an event delivered again is recognised and not applied twice.
-- Both are written in one transaction. Portable SQL: PostgreSQL and H2.

ALTER TABLE fulfilment_order ADD COLUMN payment_status VARCHAR(16);
ALTER TABLE fulfilment_order ADD COLUMN payment_updated_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE webhook_event (
    webhook     VARCHAR(64)  NOT NULL,
    event_id    VARCHAR(128) NOT NULL,
    order_id    VARCHAR(64),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (webhook, event_id)
);
