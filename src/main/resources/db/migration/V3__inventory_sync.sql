-- Inventory synchronisation (routes/inventory-sync.yaml). Portable SQL: PostgreSQL and H2.

-- The source: stock per SKU as the warehouse systems maintain it. Every change sets updated_at, which is what the
-- sync reads changes by (keyset: updated_at, then sku).
CREATE TABLE inventory_item (
    sku        VARCHAR(64)  NOT NULL PRIMARY KEY,
    warehouse  VARCHAR(32)  NOT NULL,
    quantity   INTEGER      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX inventory_item_changes ON inventory_item (updated_at, sku);

-- How far each sync job has delivered: the key of the last row of the last acknowledged batch.
CREATE TABLE sync_checkpoint (
    job               VARCHAR(64)  NOT NULL PRIMARY KEY,
    last_updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_key          VARCHAR(64)  NOT NULL,
    rows_delivered    BIGINT       NOT NULL,
    batches_delivered BIGINT       NOT NULL,
    last_success_at   TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO sync_checkpoint VALUES ('inventory-sync', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', '', 0, 0,
    NULL, CURRENT_TIMESTAMP);

-- Which replica runs a scheduled job's tick: the first to move last_tick forward to the tick's scheduled time; and
-- none while a run is still going (running_until, in case a run outlasts the interval or its replica dies).
CREATE TABLE job_claim (
    job           VARCHAR(64)  NOT NULL PRIMARY KEY,
    last_tick     TIMESTAMP WITH TIME ZONE NOT NULL,
    owner         VARCHAR(128),
    running_until TIMESTAMP WITH TIME ZONE
);
INSERT INTO job_claim VALUES ('inventory-sync', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', NULL, NULL);
