-- Catalog import (routes/catalog-import.yaml): the product catalog, upserted from CSV files. Portable SQL.
CREATE TABLE catalog_item (
    sku        VARCHAR(64)    NOT NULL PRIMARY KEY,
    name       VARCHAR(200)   NOT NULL,
    price      NUMERIC(19, 4) NOT NULL,
    currency   CHAR(3)        NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
