package dev.junction.runtime.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.junction.runtime.deadletter.ReplayOutcome.Result;

/**
 * The replay job tables (Flyway V8, V10), plain JDBC. A job's {@code runner} is the replica that holds it: only that
 * one moves it on, so a replica that comes back after its job was taken over cannot go on with it as well. Every write runs in a transaction of its own, so each item's outcome
 * is visible to every replica as soon as that dead letter is done. Counts are read from the items, never kept twice.
 */
@ApplicationScoped
public class ReplayJobStore {

    private static final String JOB_COLUMNS = "id, status, requested_by, requested_at, started_at, finished_at,"
            + " force, filter, total, resumes";
    private static final String UNFINISHED = "('QUEUED', 'RUNNING')";
    private static final int MAX_DETAIL = 4000;

    private final AgroalDataSource dataSource;

    public ReplayJobStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new job, held by {@code runner}, with its dead letters as items, in the order given. */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void create(String id, String runner, ReplayJobStatus status, String requestedBy, OffsetDateTime at,
            boolean force, String filterJson, List<String> deadLetterIds) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO replay_job (id, status,"
                    + " requested_by, requested_at, started_at, finished_at, heartbeat_at, force, filter, total, runner)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                boolean done = status == ReplayJobStatus.DONE;
                insert.setString(1, id);
                insert.setString(2, status.name());
                insert.setString(3, requestedBy);
                insert.setObject(4, at);
                insert.setObject(5, done ? at : null);
                insert.setObject(6, done ? at : null);
                insert.setObject(7, at);
                insert.setBoolean(8, force);
                insert.setString(9, filterJson);
                insert.setInt(10, deadLetterIds.size());
                insert.setString(11, done ? null : runner);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO replay_job_item (job_id,"
                    + " position, dead_letter_id) VALUES (?, ?, ?)")) {
                for (int position = 0; position < deadLetterIds.size(); position++) {
                    insert.setString(1, id);
                    insert.setInt(2, position);
                    insert.setString(3, deadLetterIds.get(position));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /**
     * Moves a queued job that {@code runner} holds to RUNNING (a resumed one keeps its first start); false when it is
     * not queued any more, or held by another replica now.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public boolean start(String id, String runner, OffsetDateTime now) throws SQLException {
        return update("UPDATE replay_job SET status = 'RUNNING', started_at = COALESCE(started_at, ?), heartbeat_at = ?"
                + " WHERE id = ? AND status = 'QUEUED' AND runner = ?", now, now, id, runner) == 1;
    }

    /**
     * Records one item's outcome and moves the job's heartbeat on. False when {@code runner} no longer runs the job
     * (another replica took it over, taking it for lost): the outcome is recorded all the same, since the replay
     * happened.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public boolean recordOutcome(String id, String runner, int position, ReplayOutcome outcome, OffsetDateTime now)
            throws SQLException {
        update("UPDATE replay_job_item SET outcome = ?, detail = ? WHERE job_id = ? AND position = ?",
                outcome.result().name(), cut(outcome.detail()), id, position);
        return update("UPDATE replay_job SET heartbeat_at = ? WHERE id = ? AND status = 'RUNNING' AND runner = ?",
                now, id, runner) == 1;
    }

    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void finish(String id, String runner, OffsetDateTime now) throws SQLException {
        update("UPDATE replay_job SET status = 'DONE', finished_at = ?, heartbeat_at = ?, runner = NULL WHERE id = ?"
                + " AND status = 'RUNNING' AND runner = ?", now, now, id, runner);
    }

    /** Shows these unfinished jobs alive: {@code runner} holds them, running or waiting their turn. */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void heartbeat(Collection<String> ids, String runner, OffsetDateTime now) throws SQLException {
        for (String id : ids) {
            update("UPDATE replay_job SET heartbeat_at = ? WHERE id = ? AND status IN " + UNFINISHED
                    + " AND runner = ?", now, id, runner);
        }
    }

    /** Marks a job {@code runner} holds and cannot go on with INTERRUPTED, unless it ended already. */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public boolean interrupt(String id, String runner, OffsetDateTime now) throws SQLException {
        return update("UPDATE replay_job SET status = 'INTERRUPTED', finished_at = ?, runner = NULL WHERE id = ?"
                + " AND status IN " + UNFINISHED + " AND runner = ?", now, id, runner) == 1;
    }

    /**
     * Lets a job go on a graceful stop: QUEUED and held by none, so the next replica to look takes it over at once.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public boolean release(String id, String runner) throws SQLException {
        return update("UPDATE replay_job SET status = 'QUEUED', runner = NULL WHERE id = ? AND status IN " + UNFINISHED
                + " AND runner = ?", id, runner) == 1;
    }

    /**
     * The unfinished jobs no replica holds: let go on a stop, or with a heartbeat older than {@code before} (their
     * replica died), oldest first.
     */
    public List<String> orphaned(OffsetDateTime before) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, "SELECT id FROM replay_job WHERE status IN "
                        + UNFINISHED + " AND (runner IS NULL OR heartbeat_at < ?) ORDER BY requested_at, id", before);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /**
     * Takes an orphaned job over for {@code runner}, QUEUED again with one more resume; false when another replica
     * was first, or the job is held or ended meanwhile. A job resumed {@code maxResumes} times already is marked
     * INTERRUPTED instead (it ended when it was last seen alive): whatever keeps killing its replicas must not kill
     * the next ones.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public boolean takeOver(String id, String runner, OffsetDateTime before, int maxResumes, OffsetDateTime now)
            throws SQLException {
        String orphan = " WHERE id = ? AND status IN " + UNFINISHED + " AND (runner IS NULL OR heartbeat_at < ?)";
        if (update("UPDATE replay_job SET status = 'INTERRUPTED', finished_at = heartbeat_at, runner = NULL" + orphan
                + " AND resumes >= ?", id, before, maxResumes) == 1) {
            return false;
        }
        return update("UPDATE replay_job SET status = 'QUEUED', runner = ?, heartbeat_at = ?, resumes = resumes + 1"
                + orphan, runner, now, id, before) == 1;
    }

    /**
     * Deletes ended jobs (DONE, INTERRUPTED) that finished before {@code before}, with their items, at most
     * {@code limit} jobs; answers how many.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public int purgeEnded(OffsetDateTime before, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, "SELECT id FROM replay_job WHERE status IN ('DONE',"
                        + " 'INTERRUPTED') AND finished_at < ? ORDER BY finished_at LIMIT ?", before, limit);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        String in = " IN (" + String.join(", ", ids.stream().map(id -> "?").toList()) + ")";
        update("DELETE FROM replay_job_item WHERE job_id" + in, ids.toArray());
        return update("DELETE FROM replay_job WHERE id" + in, ids.toArray());
    }

    public Optional<ReplayJob> find(String id) throws SQLException {
        return jobs("SELECT " + JOB_COLUMNS + " FROM replay_job WHERE id = ?", id).stream().findFirst();
    }

    /** The latest jobs, newest first. */
    public List<ReplayJob> recent(int limit) throws SQLException {
        return jobs("SELECT " + JOB_COLUMNS + " FROM replay_job ORDER BY requested_at DESC, id LIMIT ?", limit);
    }

    /** One page of a job's items, in its order. */
    public List<ReplayJobItem> items(String id, int offset, int limit) throws SQLException {
        return items("SELECT position, dead_letter_id, outcome, detail FROM replay_job_item WHERE job_id = ?"
                + " ORDER BY position LIMIT ? OFFSET ?", id, limit, offset);
    }

    /** The items not done yet, in the job's order. */
    public List<ReplayJobItem> unfinishedItems(String id) throws SQLException {
        return items("SELECT position, dead_letter_id, outcome, detail FROM replay_job_item WHERE job_id = ?"
                + " AND outcome IS NULL ORDER BY position", id);
    }

    private List<ReplayJob> jobs(String sql, Object... params) throws SQLException {
        List<ReplayJob> jobs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = prepare(connection, sql, params);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    jobs.add(new ReplayJob(rows.getString(1), ReplayJobStatus.valueOf(rows.getString(2)),
                            rows.getString(3), rows.getObject(4, OffsetDateTime.class),
                            rows.getObject(5, OffsetDateTime.class), rows.getObject(6, OffsetDateTime.class),
                            rows.getBoolean(7), rows.getString(8), rows.getInt(9), rows.getInt(10), Map.of()));
                }
            }
            Map<String, Map<Result, Integer>> outcomes = outcomes(connection,
                    jobs.stream().map(ReplayJob::id).toList());
            return jobs.stream().map(job -> job.withOutcomes(outcomes.getOrDefault(job.id(), Map.of()))).toList();
        }
    }

    private static Map<String, Map<Result, Integer>> outcomes(Connection connection, List<String> ids)
            throws SQLException {
        Map<String, Map<Result, Integer>> outcomes = new HashMap<>();
        if (ids.isEmpty()) {
            return outcomes;
        }
        String sql = "SELECT job_id, outcome, COUNT(*) FROM replay_job_item WHERE outcome IS NOT NULL AND job_id IN ("
                + String.join(", ", ids.stream().map(id -> "?").toList()) + ") GROUP BY job_id, outcome";
        try (PreparedStatement select = prepare(connection, sql, ids.toArray());
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                outcomes.computeIfAbsent(rows.getString(1), id -> new EnumMap<>(Result.class))
                        .put(Result.valueOf(rows.getString(2)), rows.getInt(3));
            }
        }
        return outcomes;
    }

    private List<ReplayJobItem> items(String sql, Object... params) throws SQLException {
        List<ReplayJobItem> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql, params);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String outcome = rows.getString(3);
                items.add(new ReplayJobItem(rows.getInt(1), rows.getString(2),
                        outcome == null ? null : Result.valueOf(outcome), rows.getString(4)));
            }
        }
        return items;
    }

    private int update(String sql, Object... params) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = prepare(connection, sql, params)) {
            return update.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static String cut(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
