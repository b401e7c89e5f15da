package dev.junction.routes;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Orders;


@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void readinessIsUpWithCamelChecksAndTheKafkaCluster() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("camel-routes", "camel-consumers", "camel-producers", "kafka-brokers"))
                .body("checks.find { it.name == 'kafka-brokers' }.data.nodes", equalTo(1));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void metricsCountExchangesPerRoute() {
        String order = Orders.order(Orders.newId(), "express", "DE");
        given().contentType(ContentType.JSON).body(order).post("/api/v1/orders").then().statusCode(202);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/orders").then().statusCode(400);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("camel_exchanges_total{camelContext=\"junction\",routeId=\"accept-order\""))
                .body(containsString("camel_exchanges_failures_handled_total{camelContext=\"junction\",routeId=\"accept-order\""))
                .body(containsString("camel_route_policy_seconds_count{camelContext=\"junction\",routeId=\"order-publisher\"")));
    }
}
