package dev.junction.monitoring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.junction.testing.DeadLetters.PATH;
import static dev.junction.testing.DeadLetters.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.Inventory;
import dev.junction.testing.Orders;

/**
 * The dashboard and the alert rules in kubernetes/monitoring read only metrics Junction exports: every metric name in
 * every expression is looked up in a real /q/metrics scrape, taken after an order, dead letters that were replayed
 * (failing once, then succeeding) and discarded, so the series that only exist once something happened are there.
 * A misspelt or renamed metric fails here instead of leaving a panel empty and an alert silent.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringAsCodeTest {

    @Inject
    DeadLetters deadLetters;

    @Inject
    Inventory inventory;

    boolean driven;

    /** Once for the class; not in @BeforeAll, where RestAssured does not know the application's port yet. */
    @BeforeEach
    void driveTrafficOnce() {
        if (!driven) {
            orderAndDeadLetters();
            driven = true;
        }
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsReadIsScraped() {
        List<Query> queries = new ArrayList<>();
        queries.addAll(MonitoringFiles.dashboardQueries(MonitoringFiles.DASHBOARD.toString(),
                MonitoringFiles.dashboard()));
        queries.addAll(MonitoringFiles.alertQueries(MonitoringFiles.ALERTS.toString(), MonitoringFiles.alerts()));
        assertThat(queries).hasSizeGreaterThan(20);

        // Gauges refreshed off the request thread may lag the actions above by a moment.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                new MetricNameCheck(scrape()).problems(queries)).as("metrics read but not exported").isEmpty());
    }

    @Test
    void alertsAboutARouteNameItAndTheOthersNameTheInstance() {
        Scrape scrape = scrape();
        for (JsonNode group : MonitoringFiles.alerts().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                boolean perRoute = PromQl.metricNames(rule.path("expr").asText()).stream()
                        .allMatch(name -> scrape.labelled(name, "route"));
                String label = perRoute ? "{{ $labels.route }}" : "{{ $labels.instance }}";
                assertThat(rule.path("annotations").path("summary").asText())
                        .as("summary of %s (its metrics %s a route label)", rule.path("alert").asText(),
                                perRoute ? "carry" : "do not carry")
                        .contains(label);
            }
        }
    }

    /** An order through intake and fulfilment; two dead letters, one replayed after a failed replay, one discarded. */
    private void orderAndDeadLetters() {
        Clients.intake().contentType(ContentType.JSON).body(Orders.order(Orders.newId(), "express", "DE"))
                .post("/api/v1/orders").then().statusCode(202);

        String sku = Orders.newSku();
        String replayed = deadLetter(sku);
        operator().when().post(PATH + "/" + replayed + "/replay")
                .then().statusCode(200).body("outcome", equalTo("REPLAY_FAILED"));
        inventory.answer(sku, aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"reservationId\":\"R-monitoring\"}"));
        operator().when().post(PATH + "/" + replayed + "/replay")
                .then().statusCode(200).body("outcome", equalTo("REPLAYED"));

        String discarded = deadLetter(Orders.newSku());
        operator().body(Map.of("reason", "monitoring test")).when().post(PATH + "/" + discarded + "/discard")
                .then().statusCode(200).body("status", equalTo("DISCARDED"));
    }

    /** An order whose only line the inventory answers 503 for: fulfilment dead-letters it after its retries. */
    private String deadLetter(String sku) {
        inventory.answer(sku, aResponse().withStatus(503));
        String orderId = Orders.newId();
        Clients.intake().contentType(ContentType.JSON).body(Orders.withSkus(orderId, sku))
                .post("/api/v1/orders").then().statusCode(202);
        return deadLetters.awaitForKey(orderId);
    }

    private static Scrape scrape() {
        return Scrape.parse(
                given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
