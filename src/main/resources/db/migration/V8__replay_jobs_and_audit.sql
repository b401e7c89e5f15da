-- Replay jobs (dev.junction.deadletter.ReplayJobs): a bulk replay that runs in the background instead of holding an
-- HTTP request open, and an audit of who did what through the operations API (dev.junction.ops.OpsAudit).
-- Portable SQL: PostgreSQL (production, tests) and H2 (dev mode).

-- One replay job. Its dead letters were picked when it was asked for, and are its items; how many are done, replayed,
-- failed again, refused or not found is counted from the items. heartbeat_at is moved on by the replica running the
-- job (and while it waits in that replica's queue): a QUEUED or RUNNING job whose heartbeat is old has lost its
-- replica, and is marked INTERRUPTED when read.
CREATE TABLE replay_job (
    id           VARCHAR(36)    NOT NULL PRIMARY KEY,
    status       VARCHAR(16)    NOT NULL,
    -- The operator's principal name (API client, or the JWT's user).
    requested_by VARCHAR(255)   NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE,
    finished_at  TIMESTAMP WITH TIME ZONE,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    force        BOOLEAN        NOT NULL,
    -- The filter the dead letters were picked by, as a JSON object; NULL when they were given by id.
    filter       VARCHAR(4000),
    total        INTEGER        NOT NULL,
    CONSTRAINT replay_job_status CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'INTERRUPTED'))
);

CREATE INDEX replay_job_by_time ON replay_job (requested_at);
CREATE INDEX replay_job_by_status ON replay_job (status);

-- The dead letters of a job, in the order they are replayed. outcome stays NULL until that one is done. No foreign
-- key to dead_letter: an id given by the operator may name none (outcome NOT_FOUND).
CREATE TABLE replay_job_item (
    job_id         VARCHAR(36)   NOT NULL REFERENCES replay_job (id),
    position       INTEGER       NOT NULL,
    dead_letter_id VARCHAR(255)  NOT NULL,
    outcome        VARCHAR(16),
    detail         VARCHAR(4000),
    PRIMARY KEY (job_id, position),
    CONSTRAINT replay_job_item_outcome
        CHECK (outcome IS NULL OR outcome IN ('REPLAYED', 'REPLAY_FAILED', 'REFUSED', 'NOT_FOUND'))
);

-- Who did what through the operations API: replays, replay jobs, discards, route suspend / resume / restart.
CREATE TABLE ops_audit (
    id     VARCHAR(36)    NOT NULL PRIMARY KEY,
    at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor  VARCHAR(255)   NOT NULL,
    action VARCHAR(255)   NOT NULL,
    -- The dead letter, job or route acted on; NULL for a bulk replay.
    target VARCHAR(255),
    detail VARCHAR(4000)
);

CREATE INDEX ops_audit_by_time ON ops_audit (at);

-- Who replayed and who discarded, beside what happened; NULL for what was done before this was recorded.
ALTER TABLE dead_letter_replay ADD COLUMN replayed_by VARCHAR(255);
ALTER TABLE dead_letter ADD COLUMN discarded_by VARCHAR(255);
