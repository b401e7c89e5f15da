package dev.junction.runtime.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.FreePorts;
import dev.junction.testing.InventoryTestResource;
import dev.junction.testing.Orders;
import dev.junction.testing.OwnServices;
import dev.junction.testing.PostgresTestResource;

/**
 * Kafka configured but not there (a port nothing listens on): readiness says so from the first probe, liveness
 * does not (restarting the pod would not bring Kafka back), and an order is answered 503 after the redeliveries and
 * kept in the dead-letter store (the database, not the broker that is missing), rather than hanging or being
 * dropped.
 */
@QuarkusTest
@TestProfile(KafkaUnreachableTest.NothingListening.class)
class KafkaUnreachableTest {

    public static class NothingListening extends OwnServices {

        public NothingListening() {
            super(PostgresTestResource.class, InventoryTestResource.class);
        }

        @Override
        protected Map<String, String> computedOverrides() {
            return Map.of("kafka.bootstrap.servers", "localhost:" + FreePorts.next());
        }
    }

    @Test
    void readinessIsDownWithTheReason() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka-brokers' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka-brokers' }.data.reason", containsString("not reachable"));
    }

    @Test
    void livenessStaysUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anOrderIsAnswered503AndKeptInTheDeadLetterStoreNotOnTheMissingBroker() {
        String orderId = Orders.newId();
        String correlationId = "unreachable-" + orderId;
        Clients.intake().contentType(ContentType.JSON).header("X-Correlation-ID", correlationId)
                .body(Orders.order(orderId, "express", "DE"))
                .when().post("/api/v1/orders")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("orderId", equalTo(orderId))
                .body("detail", containsString("has been kept"));

        DeadLetters.operator().queryParam("correlationId", correlationId).when().get(DeadLetters.PATH)
                .then().statusCode(200)
                .body("items.route", contains("accept-order"))
                .body("items[0].status", equalTo("PENDING"))
                .body("items[0].attempts", equalTo(4));
    }
}
