package dev.junction.runtime.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dead-letter tables (Flyway V2) on Junction's datasource, with plain JDBC. Every write runs in a transaction of
 * its own: a dead letter is recorded after the route's own transaction rolled back, and must stay recorded whatever
 * the caller does next.
 */
@ApplicationScoped
public class DeadLetterStore {

    private static final String SUMMARY_COLUMNS = "id, route_id, endpoint_uri, failed_endpoint, status, attempts,"
            + " first_failed_at, last_failed_at, recorded_at, updated_at, exception_class, exception_message,"
            + " stack_summary, discard_reason, discarded_by, correlation_id, message_key";

    private final AgroalDataSource dataSource;
    private final Duration claimTimeout;
    private final DeadLetterCrypto crypto;

    public DeadLetterStore(AgroalDataSource dataSource, DeadLetterCrypto crypto,
            @ConfigProperty(name = "junction.dead-letter.replay.claim-timeout") Duration claimTimeout) {
        this.dataSource = dataSource;
        this.crypto = crypto;
        this.claimTimeout = claimTimeout;
    }

    /**
     * Records a failed message: a new dead letter, or for a failed replay the replayed dead letter updated with the
     * new failure and the message that was replayed. Recording the same new dead letter twice (a journal entry
     * imported again after a crash) keeps the first. Answers whether it wrote: false for such a second time.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public boolean save(FailedMessage plain) throws SQLException {
        FailedMessage message = crypto.seal(plain);
        try (Connection connection = dataSource.getConnection()) {
            if (message.replay() && updateReplayFailure(connection, message)) {
                return true;
            }
            return insert(connection, message);
        }
    }

    private boolean insert(Connection connection, FailedMessage m) throws SQLException {
        // Looked up rather than left to the primary key: on PostgreSQL a failed INSERT would spoil the transaction.
        try (PreparedStatement exists = prepare(connection, "SELECT 1 FROM dead_letter WHERE id = ?", List.of(m.id()));
                ResultSet found = exists.executeQuery()) {
            if (found.next()) {
                return false;
            }
        }
        String sql = "INSERT INTO dead_letter (id, route_id, endpoint_uri, failed_endpoint, body, body_text,"
                + " content_type, headers, exception_class, exception_message, stack_summary, attempts,"
                + " first_failed_at, last_failed_at, status, recorded_at, updated_at, correlation_id, message_key,"
                + " key_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        OffsetDateTime now = OffsetDateTime.now();
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bind(insert, m.id(), m.routeId(), m.endpointUri(), m.failedEndpoint(), m.body(), m.bodyText(),
                    m.contentType(), m.headersJson(), m.exceptionClass(), m.exceptionMessage(), m.stackSummary(),
                    m.attempts(), m.firstFailedAt(), m.lastFailedAt(),
                    m.replay() ? DeadLetterStatus.REPLAY_FAILED.name() : DeadLetterStatus.PENDING.name(), now, now,
                    m.correlationId(), m.messageKey(), m.keyId());
            insert.executeUpdate();
        }
        return true;
    }

    private boolean updateReplayFailure(Connection connection, FailedMessage m) throws SQLException {
        String sql = "UPDATE dead_letter SET status = ?, attempts = attempts + ?, last_failed_at = ?,"
                + " failed_endpoint = ?, exception_class = ?, exception_message = ?, stack_summary = ?, body = ?,"
                + " body_text = ?, content_type = ?, headers = ?, key_id = ?, message_key = COALESCE(?, message_key),"
                + " updated_at = ? WHERE id = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            bind(update, DeadLetterStatus.REPLAY_FAILED.name(), m.attempts(), m.lastFailedAt(), m.failedEndpoint(),
                    m.exceptionClass(), m.exceptionMessage(), m.stackSummary(), m.body(), m.bodyText(),
                    m.contentType(), m.headersJson(), m.keyId(), m.messageKey(), OffsetDateTime.now(), m.id());
            return update.executeUpdate() == 1;
        }
    }

    public Optional<StoredDeadLetter> find(String id) throws SQLException {
        String sql = "SELECT " + SUMMARY_COLUMNS + ", body, body_text, content_type, headers, key_id"
                + " FROM dead_letter WHERE id = ?";
        List<StoredDeadLetter> found = query(sql, List.of(id), true);
        return found.stream().findFirst();
    }

    /** One page, most recent failure first, and how many match in all. */
    public Page list(DeadLetterFilter filter, int offset, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        long total = count("SELECT COUNT(*) FROM dead_letter" + where, params);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        List<StoredDeadLetter> items = query("SELECT " + SUMMARY_COLUMNS + " FROM dead_letter" + where
                + " ORDER BY last_failed_at DESC, id LIMIT ? OFFSET ?", pageParams, false);
        return new Page(items, total);
    }

    public record Page(List<StoredDeadLetter> items, long total) {
    }

    /** Ids of the dead letters matching, oldest failure first: the order they failed in is the order to replay. */
    public List<String> ids(DeadLetterFilter filter, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT id FROM dead_letter" + filter.where(params) + " ORDER BY last_failed_at, id LIMIT ?";
        params.add(limit);
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql, params);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /**
     * Marks a dead letter as being replayed by {@code claimant}, if its status allows: one that awaits an operator, or
     * with force any but one being replayed right now. A REPLAYING claim is taken over when it is the claimant's own
     * (a replay job resumed after its replica died mid-replay takes back the letter it was on) or older than
     * junction.dead-letter.replay.claim-timeout (the replica that held it died, and the letter would otherwise stay
     * REPLAYING for good). The replay that died may have had its effect, so the letter goes through its route again,
     * which is what at-least-once delivery into an idempotent route is for. Empty when claimed; otherwise the status
     * that refused it (empty optional inside: no such dead letter).
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public Optional<Optional<DeadLetterStatus>> claimForReplay(String id, boolean force, String claimant)
            throws SQLException {
        String allowed = force ? "status <> 'REPLAYING'" : "status IN ('PENDING', 'REPLAY_FAILED')";
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = prepare(connection, "UPDATE dead_letter SET status = 'REPLAYING',"
                        + " replay_claim = ?, updated_at = ? WHERE id = ? AND (" + allowed
                        + " OR status = 'REPLAYING' AND (updated_at < ? OR replay_claim = ?))",
                        List.of(claimant, now, id, now.minus(claimTimeout), claimant))) {
            if (claim.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        return Optional.of(status(id));
    }

    /** Whether the dead letter is REPLAYED by a replay that claimed it as {@code claimant}. */
    public boolean replayedUnder(String id, String claimant) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, "SELECT COUNT(*) FROM dead_letter WHERE id = ?"
                        + " AND status = 'REPLAYED' AND replay_claim = ?", List.of(id, claimant));
                ResultSet row = select.executeQuery()) {
            return row.next() && row.getInt(1) == 1;
        }
    }

    /**
     * Ends a replay: REPLAYED, or REPLAY_FAILED with the failure unless the dead-letter channel already recorded it
     * (then the row holds the newer message and failure). Adds the replay to the dead letter's history, with who asked
     * for it.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void finishReplay(String id, DeadLetterStatus outcome, ReplayRequest request, Throwable failure)
            throws SQLException {
        String exceptionClass = failure == null ? null : failure.getClass().getName();
        String exceptionMessage = failure == null ? null
                : FailureHeaders.truncate(String.valueOf(failure.getMessage()));
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection connection = dataSource.getConnection()) {
            if (outcome == DeadLetterStatus.REPLAYED) {
                update(connection, "UPDATE dead_letter SET status = 'REPLAYED', updated_at = ? WHERE id = ?", now, id);
            } else {
                update(connection, "UPDATE dead_letter SET status = 'REPLAY_FAILED', updated_at = ?,"
                        + " attempts = attempts + 1, last_failed_at = ?, exception_class = ?, exception_message = ?"
                        + " WHERE id = ? AND status = 'REPLAYING'", now, now, exceptionClass, exceptionMessage, id);
                update(connection, "UPDATE dead_letter SET status = 'REPLAY_FAILED', updated_at = ? WHERE id = ?",
                        now, id);
            }
            update(connection, "INSERT INTO dead_letter_replay (dead_letter_id, replay_no, replayed_at, outcome,"
                    + " forced, edited, exception_class, exception_message, replayed_by) SELECT ?,"
                    + " COALESCE(MAX(replay_no), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM dead_letter_replay"
                    + " WHERE dead_letter_id = ?", id, now, outcome.name(), request.force(), request.edited(),
                    exceptionClass, exceptionMessage, request.by(), id);
        }
    }

    /** Discards a dead letter that awaits an operator; false when there is none such with this id. */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public boolean discard(String id, String reason, String by) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, "UPDATE dead_letter SET status = 'DISCARDED', discard_reason = ?,"
                    + " discarded_by = ?, updated_at = ? WHERE id = ? AND status IN ('PENDING', 'REPLAY_FAILED')",
                    reason, by, OffsetDateTime.now(), id) == 1;
        }
    }

    /** Empty when there is no such dead letter. */
    public Optional<DeadLetterStatus> status(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, "SELECT status FROM dead_letter WHERE id = ?",
                        List.of(id));
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(DeadLetterStatus.valueOf(rows.getString(1))) : Optional.empty();
        }
    }

    public List<Replay> replays(String id) throws SQLException {
        List<Replay> replays = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, "SELECT replay_no, replayed_at, outcome, forced,"
                        + " edited, exception_class, exception_message, replayed_by FROM dead_letter_replay"
                        + " WHERE dead_letter_id = ? ORDER BY replay_no", List.of(id));
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                replays.add(new Replay(rows.getInt(1), rows.getObject(2, OffsetDateTime.class),
                        DeadLetterStatus.valueOf(rows.getString(3)), rows.getBoolean(4), rows.getBoolean(5),
                        rows.getString(6), rows.getString(7), rows.getString(8)));
            }
        }
        return replays;
    }

    /** Dead letters that wait for an operator (PENDING, REPLAY_FAILED), per route. */
    public Map<String, Long> awaitingByRoute() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT route_id, COUNT(*) FROM dead_letter"
                        + " WHERE status IN ('PENDING', 'REPLAY_FAILED') GROUP BY route_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /**
     * Deletes dead letters that are done with (REPLAYED or DISCARDED) and unchanged since {@code before}, with their
     * replay history, at most {@code limit} of them; answers how many per route. The rows are locked when picked, so a
     * forced replay of one of them waits, then finds it gone, instead of losing its history to the purge.
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public Map<String, Integer> purgeFinished(OffsetDateTime before, int limit) throws SQLException {
        String finished = "status IN ('REPLAYED', 'DISCARDED') AND updated_at < ?";
        Map<String, List<String>> byRoute = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = prepare(connection, "SELECT id, route_id FROM dead_letter WHERE "
                    + finished + " ORDER BY updated_at LIMIT ? FOR UPDATE", List.of(before, limit));
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byRoute.computeIfAbsent(rows.getString(2), r -> new ArrayList<>()).add(rows.getString(1));
                }
            }
            Map<String, Integer> purged = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> route : byRoute.entrySet()) {
                Object[] ids = route.getValue().toArray();
                String in = " IN (" + String.join(", ", route.getValue().stream().map(id -> "?").toList()) + ")";
                update(connection, "DELETE FROM dead_letter_replay WHERE dead_letter_id" + in, ids);
                purged.put(route.getKey(), update(connection, "DELETE FROM dead_letter WHERE id" + in, ids));
            }
            return purged;
        }
    }

    private List<StoredDeadLetter> query(String sql, List<Object> params, boolean withMessage) throws SQLException {
        List<StoredDeadLetter> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql, params);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString("id");
                String keyId = withMessage ? rows.getString("key_id") : null;
                found.add(new StoredDeadLetter(id, rows.getString("route_id"),
                        rows.getString("endpoint_uri"), rows.getString("failed_endpoint"),
                        DeadLetterStatus.valueOf(rows.getString("status")), rows.getInt("attempts"),
                        rows.getObject("first_failed_at", OffsetDateTime.class),
                        rows.getObject("last_failed_at", OffsetDateTime.class),
                        rows.getObject("recorded_at", OffsetDateTime.class),
                        rows.getObject("updated_at", OffsetDateTime.class), rows.getString("exception_class"),
                        rows.getString("exception_message"), rows.getString("stack_summary"),
                        rows.getString("discard_reason"), rows.getString("discarded_by"),
                        withMessage ? crypto.decrypt(id, DeadLetterCrypto.BODY, keyId, rows.getBytes("body")) : null,
                        withMessage && rows.getBoolean("body_text"),
                        withMessage ? rows.getString("content_type") : null,
                        withMessage ? crypto.decryptText(id, DeadLetterCrypto.HEADERS, keyId, rows.getString("headers"))
                                : null,
                        rows.getString("correlation_id"), rows.getString("message_key")));
            }
        }
        return found;
    }

    private long count(String sql, List<Object> params) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = prepare(connection, sql, params);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement update = prepare(connection, sql, Arrays.asList(params))) {
            return update.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, params.toArray());
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(i + 1, bytes);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
