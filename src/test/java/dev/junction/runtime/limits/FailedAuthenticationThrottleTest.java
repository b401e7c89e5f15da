package dev.junction.runtime.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.Metrics;

/**
 * An address that keeps failing authentication (5 failures, then one every 5 s, under this profile) is answered 429
 * with Retry-After before its credentials are checked, whichever key it sends; once its allowance has refilled it is
 * heard again.
 */
@QuarkusTest
@TestProfile(LoadSheddingTest.TwoInFlight.class)
class FailedAuthenticationThrottleTest {

    @Test
    void guessingKeysIsThrottledPerAddress() {
        for (int i = 0; i < 5; i++) {
            Clients.withKey("guess-" + i).get("/api/ops/routes").then().statusCode(401);
        }

        Response throttled = Clients.withKey("guess-5").get("/api/ops/routes");
        throttled.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:junction:problem:authentication-throttled"));
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 5);
        // The right key from the same address waits too: the address is all that tells the guesser apart
        Clients.operator().get("/api/ops/routes").then().statusCode(429);
        assertThat(Metrics.sum("junction_http_authentication_throttled_total")).isGreaterThanOrEqualTo(2.0);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> Clients.operator().get("/api/ops/routes").then().statusCode(200));
    }
}
