package dev.junction.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.junction.testing.InventoryTestResource;
import dev.junction.testing.KafkaTestResource;
import dev.junction.testing.Orders;
import dev.junction.testing.OwnServices;
import dev.junction.testing.RestartablePostgresTestResource;
import dev.junction.testing.Rows;

/**
 * The database goes away under running integrations and comes back: readiness goes DOWN saying why and UP again on
 * its own, liveness stays UP, and every order taken meanwhile is accounted for once it is back, fulfilled or in the
 * dead-letter store (kept in the journal while the store was away).
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    public static class OwnDatabase extends OwnServices {

        public OwnDatabase() {
            super(RestartablePostgresTestResource.class, KafkaTestResource.class, InventoryTestResource.class);
        }
    }

    static final String DATABASE_CHECK = "Database connections health check";

    RestartablePostgresTestResource postgres;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readinessFollowsTheDatabaseAndEveryOrderIsAccountedFor() {
        Readiness.awaitUp(Duration.ofSeconds(30));
        assertThat(Readiness.status(DATABASE_CHECK)).isEqualTo("UP");

        postgres.takeDown();
        try {
            Readiness.awaitDown(DATABASE_CHECK, "data", "Unable to execute the validation check");
            Readiness.assertLive();
            // Intake does not need the database: orders are still taken, for fulfilment to handle.
            List<String> orders = new ArrayList<>(Orders.postStandard(3));

            postgres.bringBack();
            Readiness.awaitUp(Duration.ofSeconds(60));

            Rows rows = new Rows(dataSource);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                List<Map<String, Object>> fulfilled = rows.query("SELECT order_id FROM fulfilment_order WHERE"
                        + " status = 'FULFILLED' AND order_id = ANY (?)", (Object) orders.toArray(new String[0]));
                List<String> deadLetterKeys = rows.query("SELECT message_key FROM dead_letter WHERE route_id ="
                        + " 'fulfil-order'").stream().map(row -> String.valueOf(row.get("message_key"))).toList();
                List<String> accounted = orders.stream().filter(id -> fulfilled.stream()
                        .anyMatch(row -> id.equals(row.get("order_id"))) || deadLetterKeys.contains(id)).toList();
                assertThat(accounted).as("orders fulfilled or dead-lettered").containsExactlyElementsOf(orders);
            });
        } finally {
            postgres.bringBack();
        }
    }
}
