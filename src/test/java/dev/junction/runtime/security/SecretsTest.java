package dev.junction.runtime.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import dev.junction.runtime.webhook.HmacSignature;
import dev.junction.testing.CapturedLogs;
import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * No secret value leaks: every credential Junction handles (API keys, a bearer token, webhook and signing secrets, a
 * password in an endpoint URI) is used in real requests, a real fulfilment and a dead-lettered call, while every log
 * record is captured; then the log lines (as the console and as JSON lines show them), the dead-letter rows, the
 * operations API and every answer are searched for each value.
 */
@QuarkusTest
class SecretsTest {

    @Inject
    CamelContext camel;

    @Inject
    Rows rows;

    @Test
    void noSecretValueAppearsInLogsDeadLettersOrAnswers() throws Exception {
        String uriPassword = "pa55-" + UUID.randomUUID();
        String queryPassword = "qp-" + UUID.randomUUID();
        String guessedKey = "guess-" + UUID.randomUUID();
        String token = Clients.token("partner-" + UUID.randomUUID(), "intake");
        List<String> secrets = List.of(Clients.INTAKE_KEY, Clients.OPERATOR_KEY, guessedKey, token,
                "test-webhook-secret", "test-outbound-secret", uriPassword, queryPassword);
        List<Response> answers = new ArrayList<>();

        camel.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                // A route whose backend needs credentials in its URI, and is down: Junction's default error handling.
                from("platform-http:/test/leaky?httpMethodRestrict=POST").routeId("test-leaky")
                        .description("Calls a backend with credentials in its URI; the backend is down")
                        .removeHeaders("*")
                        .to("http://svc:" + uriPassword + "@localhost:1/prices?password=" + queryPassword);
            }
        });
        // Under the supervising route controller, whoever adds a route while Junction runs starts it.
        camel.getRouteController().startRoute("test-leaky");
        try (CapturedLogs logs = CapturedLogs.start("dev.junction")) {
            String orderId = Orders.newId();
            answers.add(Clients.intake().contentType(ContentType.JSON).body(Orders.order(orderId, "standard", "DE"))
                    .when().post("/api/v1/orders"));
            answers.add(Clients.withToken(token).contentType(ContentType.JSON)
                    .body(Orders.order(Orders.newId(), "express", "DE")).when().post("/api/v1/orders"));
            answers.add(Clients.withKey(guessedKey).when().post("/api/v1/orders"));
            answers.add(Clients.withKey(guessedKey).when().get("/api/ops/routes"));
            answers.add(webhook(orderId, "test-webhook-secret"));
            answers.add(webhook(orderId, "a-wrong-secret"));
            Response leaky = given().header("Authorization", "Bearer " + token).header("X-API-Key", Clients.INTAKE_KEY)
                    .contentType(ContentType.JSON).body("{}").when().post("/test/leaky");
            answers.add(leaky);
            String deadLetterId = leaky.then().statusCode(500).extract().path("deadLetterId");
            // Fulfilment called the inventory, signing with the outbound secret.
            await().atMost(Duration.ofSeconds(30)).until(() -> rows.count(
                    "SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", orderId) == 1);
            answers.add(DeadLetters.operator().when().get(DeadLetters.PATH + "/" + deadLetterId));
            answers.add(DeadLetters.operator().when().get(DeadLetters.PATH + "?route=test-leaky"));
            answers.add(DeadLetters.operator().when().get("/api/ops/routes"));

            assertThat(logs.lines()).as("captured log lines").isNotEmpty();
            for (CapturedLogs.Line line : logs.lines()) {
                String console = line.formatted();
                String json = line.json();
                for (String secret : secrets) {
                    assertThat(console).as("log line").doesNotContain(secret);
                    assertThat(json).as("JSON log line").doesNotContain(secret);
                }
            }
            // The plaintext columns; body and headers are encrypted at rest, and checked decrypted in the GET answer.
            List<String> stored = rows.query("SELECT endpoint_uri, failed_endpoint, exception_message, stack_summary"
                    + " FROM dead_letter WHERE id = ?", deadLetterId)
                    .stream().map(Object::toString).toList();
            assertThat(stored).singleElement().asString().contains("xxxxxx");
            for (Response answer : answers) {
                String text = answer.headers().toString() + answer.asString();
                for (String secret : secrets) {
                    assertThat(text).as("answer %s", answer.statusLine()).doesNotContain(secret);
                    assertThat(stored.get(0)).as("dead letter").doesNotContain(secret);
                }
            }
        } finally {
            camel.getRouteController().stopRoute("test-leaky");
            camel.removeRoute("test-leaky");
        }
    }

    private static Response webhook(String orderId, String secret) {
        String body = "{\"eventId\":\"evt-%s\",\"orderId\":\"%s\",\"status\":\"PAID\"}".formatted(UUID.randomUUID(),
                orderId);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return given().contentType(ContentType.JSON).header(HmacSignature.TIMESTAMP_HEADER, timestamp)
                .header(HmacSignature.SIGNATURE_HEADER, HmacSignature.sign(secret, timestamp,
                        body.getBytes(StandardCharsets.UTF_8)))
                .body(body).when().post("/webhooks/payments");
    }
}
