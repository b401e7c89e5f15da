-- Dead letters encrypted at rest (dev.junction.deadletter.DeadLetterCrypto): body and headers hold AES-GCM ciphertext
-- (body: nonce and ciphertext as bytes; headers: the same, base64) under the key named by key_id, one of
-- junction.dead-letter.encryption.keys.<key-id>. Rows recorded before have key_id NULL and stay plaintext, readable
-- as they are. Portable SQL: PostgreSQL and H2.
ALTER TABLE dead_letter ADD COLUMN key_id VARCHAR(64);

-- The Kafka record key (the order id for orders), plaintext on purpose: operators search by it (?key= in the
-- operations API) now that the headers that also carry it (kafka.KEY) are encrypted. NULL for messages without a key
-- (HTTP) and for dead letters recorded before.
ALTER TABLE dead_letter ADD COLUMN message_key VARCHAR(255);

CREATE INDEX dead_letter_by_message_key ON dead_letter (message_key);

-- The retention purge (junction.dead-letter.retention) deletes REPLAYED and DISCARDED ones by last change.
CREATE INDEX dead_letter_by_update ON dead_letter (status, updated_at);
