package dev.junction.routes;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

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

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("camel_exchanges_total{camelContext=\"junction\",routeId=\"accept-order\""))
                .body(containsString("camel_exchanges_failures_handled_total{camelContext=\"junction\",routeId=\"accept-order\""))
                .body(containsString("camel_route_policy_seconds_count{camelContext=\"junction\",routeId=\"order-publisher\"")));
    }

    /**
     * An integration's SLO counts the exchange where it entered, whatever fed it: the REST call to intake, and the
     * Kafka record fulfilment consumed (whose exchange carries a CamelCorrelationId by the time it is done, which once
     * made it look like a split part and go uncounted).
     */
    @Test
    void sloMetricsCountIntegrationsFedByHttpAndByKafka() {
        String order = Orders.order(Orders.newId(), "express", "DE");
        given().contentType(ContentType.JSON).body(order).post("/api/v1/orders").then().statusCode(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .body(matchesPattern("(?s).*junction_route_exchanges_total\\{outcome=\"success\",route=\"post-order\"\\} [1-9].*"))
                .body(matchesPattern("(?s).*junction_route_exchanges_total\\{outcome=\"success\",route=\"fulfil-order\"\\} [1-9].*"))
                .body(containsString("junction_route_latency_seconds_bucket{route=\"fulfil-order\",le=\"2.0\"}"))
                .body(containsString("junction_route_slo_met{route=\"fulfil-order\"} 1.0")));
    }
}
