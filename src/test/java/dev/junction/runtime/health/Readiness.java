package dev.junction.runtime.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.restassured.path.json.JsonPath;

/** Junction's readiness and liveness, as a test that takes a service away waits on them. */
final class Readiness {

    private static final String READY = "/q/health/ready";

    private Readiness() {
    }

    /** Waits until readiness answers 200: every check UP. */
    static void awaitUp(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().get(READY).then().statusCode(200));
    }

    /** Waits until readiness answers 503 with this check DOWN, the check's value at path containing the text. */
    static void awaitDown(String check, String path, String text) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath readiness = given().get(READY).then().statusCode(503).extract().jsonPath();
            assertThat(readiness.getString(inCheck(check, "status"))).isEqualTo("DOWN");
            assertThat(readiness.getString(inCheck(check, path))).contains(text);
        });
    }

    /** The check's status as readiness shows it now. */
    static String status(String check) {
        return given().get(READY).then().extract().jsonPath().getString(inCheck(check, "status"));
    }

    /** Liveness is about the process: restarting it would not bring a service back, so it stays UP. */
    static void assertLive() {
        given().get("/q/health/live").then().statusCode(200);
    }

    private static String inCheck(String check, String path) {
        return "checks.find { it.name == '" + check + "' }." + path;
    }
}
