package dev.junction.runtime.limits;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Metrics;
import dev.junction.testing.Orders;
import dev.junction.testing.PropertiesProfile;

/**
 * With junction.load-shedding.max-in-flight requests in progress, the next request on a shed path is answered 503
 * with Retry-After at once, health and operations still answer, and a slot comes back when its request ends or its
 * caller goes away.
 */
@QuarkusTest
@TestProfile(LoadSheddingTest.TwoInFlight.class)
class LoadSheddingTest {

    /** Its settings: profiles/LoadSheddingTest.TwoInFlight.properties. */
    public static class TwoInFlight extends PropertiesProfile {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource(HeldRequests.PATH)
    URL held;

    @Inject
    HeldRequests heldRequests;

    @AfterEach
    void releaseHeld() {
        heldRequests.releaseAll();
    }

    @Test
    void beyondTheBoundARequestIs503WithRetryAfterAndTheAcceptedOnesFinish() {
        List<CompletableFuture<HttpResponse<String>>> inProgress = IntStream.range(0, 2).mapToObj(i -> hold()).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> heldRequests.open() == 2);

        String orderId = Orders.newId();
        Response shed = Clients.intake().contentType(ContentType.JSON)
                .body(Orders.order(orderId, "express", "DE")).when().post("/api/v1/orders");
        shed.then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:junction:problem:overloaded")).body("status", equalTo(503))
                .body("instance", equalTo("/api/v1/orders"));
        assertThat(shed.header("Retry-After")).isEqualTo("1");
        // Health and the operations API are not shed: an overloaded replica still reports and can be operated.
        given().get("/q/health/live").then().statusCode(200);
        Clients.operator().get("/api/ops/routes").then().statusCode(200);
        assertThat(Metrics.sum("junction_http_requests_in_flight")).isEqualTo(2.0);
        assertThat(Metrics.sum("junction_http_requests_shed_total")).isGreaterThanOrEqualTo(1.0);

        heldRequests.releaseAll();
        assertThat(inProgress).allSatisfy(response -> {
            assertThat(response.join().statusCode()).isEqualTo(200);
            assertThat(response.join().body()).isEqualTo("released");
        });

        // The shed order was never published; sent again once there is room, it is taken like any other.
        try (KafkaTopics topics = KafkaTopics.ofApplication()) {
            Map<TopicPartition, Long> mark = topics.mark(EXPRESS);
            await().atMost(Duration.ofSeconds(10)).until(() -> Metrics.sum("junction_http_requests_in_flight") == 0.0);
            Clients.intake().contentType(ContentType.JSON).body(Orders.order(orderId, "express", "DE"))
                    .when().post("/api/v1/orders").then().statusCode(202);
            assertThat(topics.readSince(mark)).filteredOn(r -> r.value().contains(orderId)).hasSize(1);
        }
    }

    @Test
    void aCallerThatGoesAwayGivesItsSlotBack() throws IOException {
        hold();
        try (Socket socket = new Socket(held.getHost(), held.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + HeldRequests.PATH + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + Clients.INTAKE_KEY
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> heldRequests.open() == 2);
            Clients.intake().get(HeldRequests.PATH).then().statusCode(503);
        }
        // The socket is closed with its request unanswered: that slot is free again, the other is still taken.
        await().atMost(Duration.ofSeconds(10)).until(() -> Metrics.sum("junction_http_requests_in_flight") == 1.0);
        CompletableFuture<HttpResponse<String>> admitted = hold();
        await().atMost(Duration.ofSeconds(10)).until(() -> heldRequests.open() == 2);
        heldRequests.releaseAll();
        assertThat(admitted.join().statusCode()).isEqualTo(200);
    }

    /**
     * Callers nobody authenticated (the webhook path) trickling their bodies: two hold the webhook budget until the
     * body deadline (3 s under test) cuts them off with 408, the others are shed at once, and all the while the
     * intake's own budget is untouched, so an authenticated order is taken.
     */
    @Test
    void slowUnauthenticatedSendersAreCutOffAndCannotTakeTheIntakesCapacity() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket(held.getHost(), held.getPort());
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("POST /webhooks/payments HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(
                                StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(socket -> {
                try {
                    socket.getOutputStream().write(' ');
                } catch (IOException closed) {
                    // cut off by the server: what the test waits for
                }
            }), 200, 200, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Metrics.sum("junction_http_unauthenticated_requests_in_flight") == 2.0);

            Clients.intake().contentType(ContentType.JSON).body(Orders.order(Orders.newId(), "express", "DE"))
                    .when().post("/api/v1/orders").then().statusCode(202);

            List<String> answers = new ArrayList<>();
            for (Socket socket : slow) {
                answers.add(new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine());
            }
            assertThat(answers).filteredOn(line -> line.startsWith("HTTP/1.1 408")).hasSize(2);
            assertThat(answers).filteredOn(line -> line.startsWith("HTTP/1.1 503")).hasSize(2);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Metrics.sum("junction_http_unauthenticated_requests_in_flight") == 0.0);
            assertThat(Metrics.sum("junction_http_requests_too_slow_total")).isGreaterThanOrEqualTo(2.0);
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> hold() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(held.toString())).header("X-API-Key",
                Clients.INTAKE_KEY).timeout(Duration.ofSeconds(60)).GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
