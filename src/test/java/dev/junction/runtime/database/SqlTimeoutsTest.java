package dev.junction.runtime.database;

import static dev.junction.testing.KafkaTopics.FULFILLED;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Date;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.junction.runtime.jobs.JobClaims;
import dev.junction.testing.CapturedLogs;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.PropertiesProfile;
import dev.junction.testing.Rows;

/**
 * Junction's SQL limits (junction.sql.*) against a real PostgreSQL: a statement that runs too long, one that waits
 * for a lock and a transaction left idle are ended by the database, not waited for; in fulfilment, an order whose
 * write is blocked is retried or dead-lettered whole, never half-written. Small limits here, so it takes seconds.
 */
@QuarkusTest
@TestProfile(SqlTimeoutsTest.SmallLimits.class)
class SqlTimeoutsTest {

    /** Its settings: profiles/SqlTimeoutsTest.SmallLimits.properties. */
    public static class SmallLimits extends PropertiesProfile {
    }

    @Inject
    KafkaTopics topics;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JobClaims jobClaims;

    @Inject
    Rows rows;

    @Test
    void everyPooledConnectionCarriesTheLimitsAndALongStatementIsCancelledByTheDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(show(statement, "statement_timeout")).isEqualTo("1s");
            assertThat(show(statement, "lock_timeout")).isEqualTo("500ms");
            assertThat(show(statement, "idle_in_transaction_session_timeout")).isEqualTo("1s");

            long start = System.nanoTime();
            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(10)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("57014");
                        assertThat(e.getMessage()).contains("canceling statement due to statement timeout");
                    });
            // At the limit, not the 10 s asked for; the upper bound leaves room for a busy machine.
            assertThat(since(start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));

            // Cancelled, not broken: the connection goes on serving.
            assertThat(show(statement, "statement_timeout")).isEqualTo("1s");
        }
    }

    @Test
    void aJobClaimBlockedByARowLockGivesUpAtTheLockTimeout() throws SQLException {
        rows.update("INSERT INTO job_claim (job, last_tick) VALUES ('timeout-probe', TIMESTAMP WITH TIME ZONE"
                + " '1970-01-01 00:00:00+00')");
        try (Connection holder = otherSession(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("SELECT job FROM job_claim WHERE job = 'timeout-probe' FOR UPDATE");

            long start = System.nanoTime();
            assertThatThrownBy(() -> jobClaims.claim("timeout-probe", new Date()))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("55P03");
                        assertThat(e.getMessage()).contains("canceling statement due to lock timeout");
                    });
            // The lock limit (55P03, not the statement limit's 57014), not forever; room for a busy machine.
            assertThat(since(start)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
            holder.rollback();
        }
        // Once the lock is gone the same claim goes through.
        assertThat(jobClaims.claim("timeout-probe", new Date())).isTrue();
    }

    @Test
    void aTransactionLeftIdleIsEndedAndItsLocksReleased() throws Exception {
        rows.update("INSERT INTO job_claim (job, last_tick, owner) VALUES ('idle-probe', CURRENT_TIMESTAMP,"
                + " 'before')");
        Connection forgotten = dataSource.getConnection();
        try {
            forgotten.setAutoCommit(false);
            try (Statement statement = forgotten.createStatement()) {
                statement.executeUpdate("UPDATE job_claim SET owner = 'forgotten' WHERE job = 'idle-probe'");
            }
            // Soon after the idle limit (1 s) another session gets the row: the server ended the idle transaction,
            // rolling it back. Each try waits at most 200 ms for the lock.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(SQLException.class).untilAsserted(() -> {
                        try (Connection other = otherSession(); Statement statement = other.createStatement()) {
                            statement.execute("SET lock_timeout = '200ms'");
                            assertThat(statement
                                    .executeUpdate("UPDATE job_claim SET owner = owner WHERE job = 'idle-probe'"))
                                    .isOne();
                        }
                    });
            assertThat(rows.query("SELECT owner FROM job_claim WHERE job = 'idle-probe'"))
                    .containsExactly(Map.of("owner", "before"));
            // What the application finds when it comes back to it.
            assertThatThrownBy(() -> {
                try (Statement statement = forgotten.createStatement()) {
                    statement.execute("SELECT 1");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("idle-in-transaction timeout");
        } finally {
            close(forgotten);
        }
        // The pool has not kept the dead connection: every connection it hands out works.
        for (int i = 0; i < 20; i++) {
            assertThat(rows.count("SELECT 1")).isOne();
        }
    }

    @Test
    void anOrderWhoseWriteIsBlockedForAWhileIsRetriedAndRecordedOnce() throws Exception {
        Map<TopicPartition, Long> mark = topics.mark(FULFILLED);
        String orderId = Orders.newId();
        try (CapturedLogs logs = CapturedLogs.start();
                Connection holder = otherSession();
                Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE fulfilment_order IN ACCESS EXCLUSIVE MODE");

            topics.send(STANDARD, null, orderId, Orders.withSkus(orderId, Orders.newSku()));
            awaitWriteBlocked();
            // The blocked attempt fails at the lock limit and the order is redelivered.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !logs.mentioning("canceling statement due to lock timeout").isEmpty());
            holder.rollback();
        }

        ConsumerRecord<String, String> event = topics.awaitRecordWithKey(mark, orderId);
        assertThat(event.topic()).isEqualTo(FULFILLED);
        assertRecordedOnce(orderId);
        assertThat(new DeadLetters(rows).idForKey(orderId)).isNull();
    }

    @Test
    void anOrderWhoseWriteStaysBlockedIsDeadLetteredWholeAndFulfilledOnReplay() throws Exception {
        String orderId = Orders.newId();
        DeadLetters deadLetters = new DeadLetters(rows);
        String deadLetterId;
        try (Connection holder = otherSession(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE fulfilment_order IN ACCESS EXCLUSIVE MODE");

            topics.send(STANDARD, null, orderId, Orders.withSkus(orderId, Orders.newSku()));
            deadLetterId = deadLetters.awaitForKey(orderId);

            JsonPath dead = deadLetters.get(deadLetterId);
            assertThat(dead.getString("route")).isEqualTo("fulfil-order");
            assertThat(dead.getString("exception.message")).contains("canceling statement due to lock timeout");
            assertThat(dead.getInt("attempts")).isEqualTo(4);
            // Rolled back whole, every attempt: not the idempotency key (which would make the order count as done),
            // not its lines, not its event.
            assertThat(rows.count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?", orderId))
                    .isZero();
            assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order_line WHERE order_id = ?", orderId)).isZero();
            assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_event WHERE order_id = ?", orderId)).isZero();
            holder.rollback();
        }
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", orderId)).isZero();

        // Not lost: replayed once the database is free, it is fulfilled.
        Map<TopicPartition, Long> mark = topics.mark(FULFILLED);
        DeadLetters.operator().when().post(DeadLetters.PATH + "/" + deadLetterId + "/replay")
                .then().statusCode(200);
        assertThat(topics.awaitRecordWithKey(mark, orderId).topic()).isEqualTo(FULFILLED);
        assertRecordedOnce(orderId);
        assertThat(deadLetters.get(deadLetterId).getString("status")).isEqualTo("REPLAYED");
    }

    private void assertRecordedOnce(String orderId) {
        assertThat(rows.query("SELECT status FROM fulfilment_order WHERE order_id = ?", orderId))
                .containsExactly(Map.of("status", "FULFILLED"));
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order_line WHERE order_id = ?", orderId)).isOne();
        assertThat(rows.count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?", orderId)).isOne();
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_event WHERE order_id = ?", orderId)).isOne();
    }

    /** Until fulfilment's insert waits for the table lock the test holds. */
    private void awaitWriteBlocked() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> rows.count(
                "SELECT COUNT(*) FROM pg_locks WHERE relation = 'fulfilment_order'::regclass AND NOT granted") > 0);
    }

    /**
     * A session of its own, outside Junction's pool and so without its limits: the other party holding locks, as
     * another application or an operator's psql would.
     */
    private static Connection otherSession() throws SQLException {
        PGSimpleDataSource other = new PGSimpleDataSource();
        other.setURL(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
        other.setUser(ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class));
        other.setPassword(ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class));
        Connection connection = other.getConnection();
        // Its locks go after 60 s whatever happens: were Junction's limits missing, the test fails instead of
        // waiting forever on the lock it holds.
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET idle_in_transaction_session_timeout = '60s'");
        }
        return connection;
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The server closed it already; the pool discards it either way.
        }
    }
}
