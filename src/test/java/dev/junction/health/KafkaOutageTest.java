package dev.junction.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.junction.testing.InventoryTestResource;
import dev.junction.testing.Orders;
import dev.junction.testing.PostgresTestResource;
import dev.junction.testing.RestartableKafkaTestResource;
import dev.junction.testing.Rows;

/**
 * The broker goes away under a running consumer and comes back: readiness goes DOWN saying why and UP again on its
 * own, and every order taken before and after is fulfilled exactly once.
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.OwnBroker.class)
class KafkaOutageTest {

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Short enough that readiness turns within the test's waits, long enough for a busy machine's answer.
            return Map.of("junction.health.kafka.timeout", "2s");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartableKafkaTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class),
                    new TestResourceEntry(InventoryTestResource.class));
        }
    }

    RestartableKafkaTestResource kafka;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readinessFollowsTheBrokerAndNoOrderIsLost() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        List<String> orders = new ArrayList<>(Orders.postStandard(3));
        awaitFulfilled(orders);

        kafka.stopBroker();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath readiness = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            assertThat(readiness.getString("checks.find { it.name == 'kafka-brokers' }.status")).isEqualTo("DOWN");
            assertThat(readiness.getString("checks.find { it.name == 'kafka-brokers' }.data.reason"))
                    .contains("not reachable");
        });
        // Liveness is about the process: restarting it would not bring the broker back.
        given().get("/q/health/live").then().statusCode(200);

        kafka.startBroker();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

        orders.addAll(Orders.postStandard(3));
        awaitFulfilled(orders);
        Rows rows = new Rows(dataSource);
        assertThat(rows.query("SELECT order_id FROM fulfilment_order WHERE order_id IN (?, ?, ?, ?, ?, ?)",
                orders.toArray())).hasSize(6);
    }


    private void awaitFulfilled(List<String> orders) {
        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<Map<String, Object>> fulfilled = rows.query("SELECT order_id FROM fulfilment_order WHERE status ="
                    + " 'FULFILLED' AND order_id = ANY (?)", (Object) orders.toArray(new String[0]));
            assertThat(fulfilled).hasSize(orders.size());
        });
    }
}
