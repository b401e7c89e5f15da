-- Replay jobs resume instead of ending INTERRUPTED when their replica goes (dev.junction.runtime.deadletter.ReplayJobs).
-- Portable SQL: PostgreSQL and H2.

-- The replica holding a QUEUED or RUNNING job (an id it picks at startup), NULL once it let the job go on a graceful
-- stop. Only that replica moves the job's heartbeat and records its outcomes, so a replica that took a lost job over
-- is the only one to go on with it, even if the one that lost it comes back.
ALTER TABLE replay_job ADD COLUMN runner VARCHAR(64);

-- How many times a replica took the job over from one that went (kill -9, a lost node, a rolling restart).
ALTER TABLE replay_job ADD COLUMN resumes INTEGER DEFAULT 0 NOT NULL;

-- Who holds a REPLAYING dead letter: the replay job's id, or a token of one single replay. A job resumed after its
-- replica died takes back the letter that replica was replaying when it died, instead of finding it REPLAYING and
-- refusing it until junction.dead-letter.replay.claim-timeout.
ALTER TABLE dead_letter ADD COLUMN replay_claim VARCHAR(64);
