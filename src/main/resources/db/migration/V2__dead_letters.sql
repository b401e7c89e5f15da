-- Dead-letter store (dev.junction.deadletter): every message a route's dead-letter channel gave up on, kept until an
-- operator replays or discards it. Portable SQL: PostgreSQL (production, tests) and H2 (dev mode).

CREATE TABLE dead_letter (
    id                VARCHAR(36)    NOT NULL PRIMARY KEY,
    -- The route whose error handler gave up: replay sends the message into this route's entry again.
    route_id          VARCHAR(255)   NOT NULL,
    endpoint_uri      VARCHAR(2000)  NOT NULL,
    -- Where inside the route it failed (the last endpoint it was sent to), when known.
    failed_endpoint   VARCHAR(2000),
    -- The message as it entered the route: body bytes, whether they were text, and its headers as JSON (secrets
    -- removed).
    body              BYTEA,
    body_text         BOOLEAN        NOT NULL,
    content_type      VARCHAR(255),
    headers           VARCHAR(1000000) NOT NULL,
    exception_class   VARCHAR(500),
    exception_message VARCHAR(4000),
    stack_summary     VARCHAR(8000),
    -- Failed deliveries, the replays' included.
    attempts          INTEGER        NOT NULL,
    first_failed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    status            VARCHAR(16)    NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    discard_reason    VARCHAR(2000),
    CONSTRAINT dead_letter_status
        CHECK (status IN ('PENDING', 'REPLAYING', 'REPLAYED', 'DISCARDED', 'REPLAY_FAILED'))
);

CREATE INDEX dead_letter_by_status ON dead_letter (status, route_id);
CREATE INDEX dead_letter_by_time ON dead_letter (last_failed_at);

-- Every replay of a dead letter and how it ended.
CREATE TABLE dead_letter_replay (
    dead_letter_id    VARCHAR(36)    NOT NULL REFERENCES dead_letter (id),
    replay_no         INTEGER        NOT NULL,
    replayed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome           VARCHAR(16)    NOT NULL,
    forced            BOOLEAN        NOT NULL,
    edited            BOOLEAN        NOT NULL,
    exception_class   VARCHAR(500),
    exception_message VARCHAR(4000),
    PRIMARY KEY (dead_letter_id, replay_no),
    CONSTRAINT dead_letter_replay_outcome CHECK (outcome IN ('REPLAYED', 'REPLAY_FAILED'))
);
