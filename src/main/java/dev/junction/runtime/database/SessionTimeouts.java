package dev.junction.runtime.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Puts Junction's SQL limits ({@code junction.sql.*}) on every connection of the datasource's pool as it is opened,
 * so every statement on it is bounded by the database itself: camel-sql endpoints in routes, the idempotent
 * repository, the dead-letter store, job claims, sync checkpoints, Flyway's migrations and the health check alike.
 * <p>
 * Why session settings made here rather than the PostgreSQL driver's {@code options} property or new-connection SQL:
 * they hold whatever JDBC URL the datasource is given (QUARKUS_DATASOURCE_JDBC_URL in Kubernetes), the values are
 * durations written like every other Junction duration (a {@code 5m} handed to PostgreSQL verbatim would fail every
 * connection), and dev mode's H2 gets its own equivalents instead of a PostgreSQL option it refuses. Why the
 * database's limits rather than JDBC's {@code setQueryTimeout}: that is per statement, so each caller (Camel, Spring's
 * JdbcTemplate, Flyway, Agroal) would have to remember it; the server cancels whatever runs on the session.
 * <p>
 * Once per physical connection, not per checkout: a pooled connection keeps its session settings, and a checkout
 * costs no extra round trip. Nothing in Junction issues RESET ALL or DISCARD ALL, which would drop them.
 */
@Singleton
public class SessionTimeouts implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(SessionTimeouts.class);

    private final long statementMillis;
    private final long lockMillis;
    private final long idleInTransactionMillis;

    // @Inject is not optional here: with a second constructor and none marked, CDI finds no bean constructor and
    // drops the class without a word, and every connection silently goes without its limits.
    @Inject
    public SessionTimeouts(SqlTimeoutsConfig config) {
        this(config.statementTimeout(), config.lockTimeout(), config.idleInTransactionTimeout());
    }

    SessionTimeouts(Duration statement, Duration lock, Duration idleInTransaction) {
        this.statementMillis = millis("junction.sql.statement-timeout", statement);
        this.lockMillis = millis("junction.sql.lock-timeout", lock);
        this.idleInTransactionMillis = millis("junction.sql.idle-in-transaction-timeout", idleInTransaction);
        LOG.infof("SQL limits on every connection: statement %s, lock wait %s, idle in transaction %s",
                describe(statementMillis), describe(lockMillis), describe(idleInTransactionMillis));
    }

    @Override
    public void onConnectionCreate(Connection connection) {
        try {
            String sql = settingsFor(connection.getMetaData().getDatabaseProductName());
            if (sql == null) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            // A SET inside a transaction that is later rolled back is undone with it; it must outlive this one.
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // A connection without its limits could hang a route for good: better no connection than that one.
            throw new IllegalStateException("Could not set Junction's SQL timeouts (junction.sql.*) on a new"
                    + " database connection", e);
        }
    }

    /** The statement that sets the limits on a session of this database product; null if it has none. */
    String settingsFor(String databaseProduct) {
        switch (databaseProduct) {
            case "PostgreSQL":
                // Milliseconds as plain integers: PostgreSQL's unit when none is given. 0 switches a limit off.
                return "SET statement_timeout = " + statementMillis + "; SET lock_timeout = " + lockMillis
                        + "; SET idle_in_transaction_session_timeout = " + idleInTransactionMillis;
            case "H2":
                // Dev mode. H2 has no idle-in-transaction limit, and its LOCK_TIMEOUT 0 means "do not wait at all",
                // not "no limit", so a switched-off lock timeout leaves H2's own default.
                return "SET QUERY_TIMEOUT " + statementMillis
                        + (lockMillis > 0 ? "; SET LOCK_TIMEOUT " + lockMillis : "");
            default:
                LOG.warnf("No SQL timeouts for %s: Junction knows how to set them on PostgreSQL and H2 only",
                        databaseProduct);
                return null;
        }
    }

    private static long millis(String key, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative: " + duration);
        }
        // PostgreSQL and H2 keep these in an int of milliseconds.
        if (duration.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(key + " must be at most " + Duration.ofMillis(Integer.MAX_VALUE)
                    + " (0 switches it off): " + duration);
        }
        long millis = duration.toMillis();
        // Rounded down to 0, a sub-millisecond value would switch the limit off instead of making it tight.
        return millis == 0 && !duration.isZero() ? 1 : millis;
    }

    private static String describe(long millis) {
        return millis == 0 ? "unlimited" : Duration.ofMillis(millis).toString().substring(2).toLowerCase();
    }
}
