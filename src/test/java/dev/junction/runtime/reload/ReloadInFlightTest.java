package dev.junction.runtime.reload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import dev.junction.testing.TempDirs;

/**
 * A request in flight in a file that reloads under it: its front route is still working on it when the file is
 * saved, and the direct: route behind it is in the same file. It finishes through the old version, at once.
 */
@QuarkusTest
@TestProfile(RouteReloadTest.OwnRouteDirectory.class)
class ReloadInFlightTest {

    static final Path RELAY = RouteReloadTest.DIR.resolve("relay.yaml");

    /** The direct: route first, as a file may well list them: the order Camel would stop them in. */
    static String relay(String text) {
        return """
                # A front route that takes its time before handing over to the route behind it.
                - route:
                    id: relay-back
                    description: Answers the relay
                    from:
                      uri: direct:relay-back
                      steps:
                        - setBody:
                            constant: %s
                - route:
                    id: relay-front
                    description: Waits, then asks the route behind it
                    from:
                      uri: platform-http:/reload/relay
                      steps:
                        - delay:
                            constant: 1000
                        - to: direct:relay-back
                """.formatted(text);
    }

    @Inject
    CamelContext camel;

    @Test
    void aRequestInFlightFinishesThroughTheRoutesOfItsFileWhileTheFileReloads() throws Exception {
        try {
            RouteReloadTest.write(RELAY, relay("relay v1"));
            awaitRelay("relay v1");
            CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> given().get("/reload/relay"));
            await().atMost(Duration.ofSeconds(5)).until(() -> camel.getInflightRepository().size("relay-front") == 1);

            RouteReloadTest.write(RELAY, relay("relay v2"));

            Response answer = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.asString()).isEqualTo("relay v1");
            awaitRelay("relay v2");
        } finally {
            TempDirs.deleteQuietly(RELAY);
            await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("relay-front") == null);
        }
    }

    private static void awaitRelay(String text) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/reload/relay").asString(), text::equals);
    }
}
