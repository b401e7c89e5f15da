package dev.junction.runtime.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * junction_route_running{route}, on the running CamelContext: 1 for every route that starts with Junction, 0 while
 * one is suspended or stopped, none for routes that do not start with Junction, and gone with a removed route.
 */
@QuarkusTest
class RouteRunningMetricsTest {

    static final String PROBE = "running-probe";
    static final String IDLE = "idle-probe";

    @Inject
    CamelContext camel;

    @Test
    void everyRouteThatStartsWithJunctionIsOneAndTheOthersHaveNoSeries() {
        // The test profile leaves the stand-in inventory and the sync schedule off: nothing to miss.
        List<String> off = List.of("inventory-stand-in", "inventory-sync-schedule");
        Map<String, Double> running = running();
        assertThat(running).doesNotContainKeys(off.toArray(String[]::new));
        camel.getRoutes().stream().map(Route::getRouteId).filter(id -> !off.contains(id))
                .forEach(id -> assertThat(running).as("running routes").containsEntry(id, 1.0));
        assertThat(running).containsKeys("post-order", "fulfil-order", "junction-dead-letter");
    }

    @Test
    void aRouteReadsZeroWhileItDoesNotRunAndLosesItsSeriesWhenRemoved() throws Exception {
        camel.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:" + PROBE).routeId(PROBE).routeDescription("Added and removed by a test").log("probe");
                from("direct:" + IDLE).routeId(IDLE).routeDescription("Does not start with Junction")
                        .autoStartup(false).log("idle");
            }
        });
        // Under the supervising route controller, whoever adds a route while Junction runs starts it.
        camel.getRouteController().startRoute(PROBE);
        assertThat(running()).containsEntry(PROBE, 1.0).doesNotContainKey(IDLE);

        camel.getRouteController().suspendRoute(PROBE);
        assertThat(running()).containsEntry(PROBE, 0.0);
        camel.getRouteController().resumeRoute(PROBE);
        assertThat(running()).containsEntry(PROBE, 1.0);
        camel.getRouteController().stopRoute(PROBE);
        assertThat(running()).containsEntry(PROBE, 0.0);

        camel.removeRoute(PROBE);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(running()).doesNotContainKey(PROBE));
    }

    @AfterEach
    void removeProbes() throws Exception {
        for (String id : new String[] { PROBE, IDLE }) {
            if (camel.getRoute(id) != null) {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            }
        }
    }

    /** junction_route_running by route, as /q/metrics shows it now. */
    private static Map<String, Double> running() {
        String text = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith("junction_route_running{"))
                .collect(Collectors.toMap(line -> line.replaceFirst("^.*route=\"([^\"]+)\".*$", "$1"),
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
    }
}
