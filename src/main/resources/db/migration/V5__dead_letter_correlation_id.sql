-- Dead letters keep the correlation id of the exchange that failed (dev.junction.correlation), so an operator can find
-- every log line and record of the failed message, and a replay goes on under the same id. Null for dead letters
-- recorded before. Portable SQL: PostgreSQL and H2.

ALTER TABLE dead_letter ADD COLUMN correlation_id VARCHAR(128);

CREATE INDEX dead_letter_by_correlation_id ON dead_letter (correlation_id);
