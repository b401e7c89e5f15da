package dev.junction.runtime.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The limits' values as the databases get them, and dev mode's H2 (a real in-memory H2) enforcing them. PostgreSQL
 * enforcing them through Junction's pool: {@link SqlTimeoutsTest}.
 */
class SessionTimeoutsTest {

    @Test
    void h2InDevModeCancelsAStatementThatRunsLongerThanTheLimit() throws SQLException {
        SessionTimeouts timeouts = new SessionTimeouts(Duration.ofMillis(300), Duration.ofMillis(200), Duration.ZERO);
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:session-timeouts", "sa", "");
                Statement statement = connection.createStatement()) {
            timeouts.onConnectionCreate(connection);

            assertThat(single(statement, "SELECT LOCK_TIMEOUT()")).isEqualTo("200");
            assertThat(single(statement, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'QUERY_TIMEOUT'")).isEqualTo("300");
            long start = System.nanoTime();
            assertThatThrownBy(() -> statement.executeQuery("SELECT SUM(a.X * b.X) FROM SYSTEM_RANGE(1, 1000000) a,"
                    + " SYSTEM_RANGE(1, 1000000) b")).isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void postgreSqlGetsMillisecondsAndZeroSwitchesALimitOff() {
        assertThat(new SessionTimeouts(Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(1))
                .settingsFor("PostgreSQL")).isEqualTo("SET statement_timeout = 30000; SET lock_timeout = 0;"
                        + " SET idle_in_transaction_session_timeout = 60000");
        // H2's LOCK_TIMEOUT 0 would mean "never wait": a switched-off lock limit leaves H2's default instead.
        assertThat(new SessionTimeouts(Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO).settingsFor("H2"))
                .isEqualTo("SET QUERY_TIMEOUT 30000");
    }

    @Test
    void aSubMillisecondLimitStaysALimitAndImpossibleValuesAreRefused() {
        assertThat(new SessionTimeouts(Duration.ofNanos(1000), Duration.ZERO, Duration.ZERO).settingsFor("PostgreSQL"))
                .startsWith("SET statement_timeout = 1;");
        assertThatThrownBy(() -> new SessionTimeouts(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("junction.sql.statement-timeout must not be negative");
        // Both databases keep these in an int of milliseconds: about 24.8 days at most.
        assertThatThrownBy(() -> new SessionTimeouts(Duration.ZERO, Duration.ofDays(30), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("junction.sql.lock-timeout");
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
