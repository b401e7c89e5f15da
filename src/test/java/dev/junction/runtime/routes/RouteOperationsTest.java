package dev.junction.runtime.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import dev.junction.testing.DeadLetters;
import dev.junction.testing.Metrics;
import dev.junction.testing.PropertiesProfile;

/**
 * Routes as operators see them: per-integration SLO metrics and the slo health group, the supervised route controller
 * (switched on here) retrying a route that cannot start, and GET /api/ops/routes with suspend, resume and restart. Runs on
 * a route directory of its own (RouteOperationsTest.Routes) besides the Java routes.
 */
@QuarkusTest
@TestProfile(RouteOperationsTest.Routes.class)
class RouteOperationsTest {

    static final Path DIR = Path.of("src/test/resources/route-ops");

    /** Its settings: src/test/resources/profiles/RouteOperationsTest.Routes.properties. */
    public static class Routes extends PropertiesProfile {

        @Override
        protected Map<String, String> computedOverrides() {
            return Map.of("junction.routes.dir", DIR.toString());
        }
    }

    @Test
    void anIntegrationFailingOneInTenBreachesItsSloWithoutLeavingService() {
        for (int i = 0; i < 20; i++) {
            given().get("/ops-test/flaky").then().statusCode(200);
        }
        assertThat(metric("junction_route_slo_met", "flaky")).isEqualTo(1.0);
        assertThat(sloOf("flaky")).startsWith("met: 100.00% of 20 exchanges succeeded");

        for (int i = 0; i < 70; i++) {
            given().get("/ops-test/flaky").then().statusCode(200);
        }
        for (int i = 0; i < 10; i++) {
            given().header("fail", "true").get("/ops-test/flaky").then().statusCode(500);
        }

        assertThat(metric("junction_route_exchanges_total", "flaky", "outcome=\"failure\"")).isEqualTo(10.0);
        assertThat(metric("junction_route_exchanges_total", "flaky", "outcome=\"success\"")).isEqualTo(90.0);
        assertThat(metric("junction_route_slo_success_ratio", "flaky")).isEqualTo(0.9);
        assertThat(metric("junction_route_slo_success_ratio_target", "flaky")).isEqualTo(0.995);
        assertThat(metric("junction_route_slo_met", "flaky")).isEqualTo(0.0);
        given().get("/q/health/group/slo").then().statusCode(503);
        assertThat(sloOf("flaky")).startsWith("BREACHED: 90.00% of 100 exchanges succeeded (target 99.50%)");
        // The SLO group is not part of readiness: a breach needs people, not fewer pods.
        assertThat(given().get("/q/health/ready").then().extract().jsonPath().getList("checks.name", String.class))
                .doesNotContain("integration-slos");

        JsonPath flaky = route("flaky");
        assertThat(flaky.getDouble("slo.failureRate")).isEqualTo(0.1, offset(1e-9));
        assertThat(flaky.getBoolean("slo.met")).isFalse();
        assertThat(flaky.getLong("slo.p99Ms")).isNotNull();
        assertThat(flaky.getString("lastError.message"))
                .isEqualTo("java.lang.IllegalStateException: asked to fail");
        assertThat(flaky.getString("source")).isEqualTo(DIR.resolve("flaky.yaml").toString());
        assertThat(flaky.getLong("exchanges.total")).isEqualTo(100);
    }

    @Test
    void aRouteSlowerThanItsOwnLatencyTargetBreachesItsSlo() {
        for (int i = 0; i < 3; i++) {
            given().get("/ops-test/slow").then().statusCode(200);
        }
        assertThat(metric("junction_route_slo_latency_target_seconds", "slow-answer")).isEqualTo(0.1);
        assertThat(metric("junction_route_slo_fast_ratio", "slow-answer")).isEqualTo(0.0);
        assertThat(metric("junction_route_slo_success_ratio", "slow-answer")).isEqualTo(1.0);
        assertThat(metric("junction_route_slo_met", "slow-answer")).isEqualTo(0.0);
        assertThat(metric("junction_route_latency_seconds_bucket", "slow-answer", "le=\"0.1\"")).isEqualTo(0.0);
        assertThat(metric("junction_route_latency_seconds_count", "slow-answer")).isEqualTo(3.0);
    }

    /**
     * The supervising route controller takes a route that fails to start: Junction starts anyway, keeps retrying
     * it with backoff, and says so in readiness and in the routes view, with the reason.
     */
    @Test
    void aRouteThatCannotStartDoesNotStopJunctionAndIsRetriedWhileReadinessSaysWhy() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath never = route("never");
            assertThat(never.getString("status")).isEqualTo("Stopped");
            assertThat(never.getString("supervision")).isEqualTo("restarting");
            assertThat(never.getString("lastError")).contains("will never fire");
        });
        JsonPath readiness = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
        assertThat(readiness.getString("status")).isEqualTo("DOWN");
        assertThat(readiness.prettify()).contains("never");
        given().get("/ops-test/steady").then().statusCode(200);
        // What the JunctionRouteNotRunning alert reads (kubernetes/monitoring).
        assertThat(metric("junction_route_running", "never")).isEqualTo(0.0);
        assertThat(metric("junction_route_running", "steady")).isEqualTo(1.0);
    }

    @Test
    void operatorsSuspendResumeAndRestartARoute() {
        given().get("/api/ops/routes").then().statusCode(401);
        JsonPath all = DeadLetters.operator().get("/api/ops/routes").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("id", String.class)).contains("flaky", "slow-answer", "never", "order-publisher",
                "junction-dead-letter", "list-routes");
        assertThat(all.getString("find { it.id == 'order-publisher' }.source")).isEqualTo("java");

        DeadLetters.operator().post("/api/ops/routes/steady/suspend").then().statusCode(200);
        assertThat(route("steady").getString("status")).isEqualTo("Suspended");
        assertThat(given().get("/ops-test/steady").statusCode()).isNotEqualTo(200);
        assertThat(metric("junction_route_running", "steady")).isZero();

        DeadLetters.operator().post("/api/ops/routes/steady/resume").then().statusCode(200);
        given().get("/ops-test/steady").then().statusCode(200);
        assertThat(metric("junction_route_running", "steady")).isEqualTo(1.0);

        JsonPath restarted = DeadLetters.operator().post("/api/ops/routes/steady/restart").then().statusCode(200)
                .extract().jsonPath();
        assertThat(restarted.getString("status")).isEqualTo("Started");
        assertThat(restarted.getLong("uptimeMs")).isLessThan(5000);
        given().get("/ops-test/steady").then().statusCode(200);

        DeadLetters.operator().post("/api/ops/routes/no-such-route/restart").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /**
     * Under the supervising route controller Camel sets a route up only when it first starts, so one that does not
     * start with Junction is missing from Camel's route list; the operations view must show it anyway.
     */
    @Test
    void aRouteThatDoesNotStartWithJunctionIsListedAndAnOperatorCanStartIt() {
        JsonPath standby = route("standby");
        assertThat(standby.getString("status")).isEqualTo("Stopped");
        assertThat(standby.getString("source")).isEqualTo(DIR.resolve("standby.yaml").toString());
        given().get("/ops-test/standby").then().statusCode(404);

        DeadLetters.operator().post("/api/ops/routes/standby/resume").then().statusCode(200)
                .body("status", equalTo("Started"));
        given().get("/ops-test/standby").then().statusCode(200).body(equalTo("standby"));
    }

    /** The flaky route's line in /q/health/group/slo (DOWN while any integration breaches its SLO). */
    private static String sloOf(String route) {
        return given().get("/q/health/group/slo").then().extract().jsonPath()
                .getString("checks.find { it.name == 'integration-slos' }.data.'" + route + "'");
    }

    private static JsonPath route(String id) {
        List<Map<String, Object>> routes = DeadLetters.operator().get("/api/ops/routes").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Object> route = routes.stream().filter(r -> id.equals(r.get("id"))).findFirst().orElseThrow();
        return JsonPath.from(new ObjectMapper().valueToTree(route).toString());
    }

    /** A series of /q/metrics by name, route label and any other label text, summed; 0 when absent. */
    private static double metric(String name, String route, String... labels) {
        String[] fragments = Arrays.copyOf(labels, labels.length + 1);
        fragments[labels.length] = "route=\"" + route + "\"";
        return Metrics.sum(name, fragments);
    }
}
