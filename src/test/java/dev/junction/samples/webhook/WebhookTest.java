package dev.junction.samples.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.junction.runtime.webhook.HmacSignature;
import dev.junction.testing.Clients;
import dev.junction.testing.Inventory;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * routes/payment-webhook.yaml through real HTTP requests and a real PostgreSQL: signed events update an order's
 * payment status once; unsigned, mis-signed, stale and replayed ones change nothing. And Junction's own calls to the
 * inventory carry a signature of the same kind.
 */
@QuarkusTest
class WebhookTest {

    private static final String PATH = "/webhooks/payments";
    /** %test.junction.webhooks.inbound.payments.secrets: the current secret and the next one. */
    private static final String SECRET = "test-webhook-secret";
    private static final String NEXT_SECRET = "test-webhook-next-secret";

    @Inject
    Rows rows;

    @Test
    void aSignedEventSetsThePaymentStatusOnceAndAReplayIsADuplicate() {
        String orderId = fulfilledOrder();
        String eventId = "evt-" + Orders.newId();
        String paid = event(eventId, orderId, "PAID");

        send(paid, SECRET, now()).then().statusCode(200).contentType(ContentType.JSON)
                .body("eventId", equalTo(eventId)).body("status", equalTo("processed"));
        assertThat(paymentStatus(orderId)).isEqualTo("PAID");

        // The same event again, even re-signed with a fresh timestamp and a different status: processed once.
        send(paid, SECRET, now()).then().statusCode(200).body("status", equalTo("duplicate"));
        send(event(eventId, orderId, "REFUNDED"), SECRET, now()).then().statusCode(200)
                .body("status", equalTo("duplicate"));
        assertThat(paymentStatus(orderId)).isEqualTo("PAID");
        assertThat(rows.count("SELECT COUNT(*) FROM webhook_event WHERE event_id = ?", eventId)).isEqualTo(1);

        // A new event of the same order is applied; the secret being rotated in is accepted too.
        send(event("evt-" + Orders.newId(), orderId, "REFUNDED"), NEXT_SECRET, now()).then().statusCode(200)
                .body("status", equalTo("processed"));
        assertThat(paymentStatus(orderId)).isEqualTo("REFUNDED");
    }

    @Test
    void badMissingOrStaleSignaturesAre401AndWriteNothing() {
        String orderId = fulfilledOrder();
        String eventId = "evt-" + Orders.newId();
        String body = event(eventId, orderId, "PAID");
        long now = now();

        // Wrong secret; body changed after signing; timestamp changed after signing
        send(body, "not-the-secret", now).then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("detail", containsString("does not match"));
        given().contentType(ContentType.JSON).header(HmacSignature.TIMESTAMP_HEADER, String.valueOf(now))
                .header(HmacSignature.SIGNATURE_HEADER, HmacSignature.sign(SECRET, String.valueOf(now),
                        bytes(event(eventId, orderId, "REFUNDED"))))
                .body(body).when().post(PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).header(HmacSignature.TIMESTAMP_HEADER, String.valueOf(now + 1))
                .header(HmacSignature.SIGNATURE_HEADER, HmacSignature.sign(SECRET, String.valueOf(now), bytes(body)))
                .body(body).when().post(PATH).then().statusCode(401);
        // Missing headers
        given().contentType(ContentType.JSON).body(body).when().post(PATH).then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("headers are required"));
        given().contentType(ContentType.JSON).header(HmacSignature.TIMESTAMP_HEADER, String.valueOf(now))
                .body(body).when().post(PATH).then().statusCode(401);
        // Correctly signed, but too old or too far ahead (tolerance 5 minutes), or not a time
        send(body, SECRET, now - 600).then().statusCode(401).body("detail", containsString("within 300 s"));
        send(body, SECRET, now + 600).then().statusCode(401);
        given().contentType(ContentType.JSON).header(HmacSignature.TIMESTAMP_HEADER, "yesterday")
                .header(HmacSignature.SIGNATURE_HEADER, HmacSignature.sign(SECRET, "yesterday", bytes(body)))
                .body(body).when().post(PATH).then().statusCode(401);

        assertThat(rows.count("SELECT COUNT(*) FROM webhook_event WHERE event_id = ?", eventId)).isZero();
        assertThat(paymentStatus(orderId)).isNull();
    }

    @Test
    void anEventForAnUnknownOrderIs404AndLeavesNoTraceSoARetryCanSucceed() {
        String eventId = "evt-" + Orders.newId();
        send(event(eventId, "o-never-seen-" + eventId.substring(4, 12), "PAID"), SECRET, now())
                .then().statusCode(404).contentType("application/problem+json").body("title", equalTo("No such order"));
        assertThat(rows.count("SELECT COUNT(*) FROM webhook_event WHERE event_id = ?", eventId)).isZero();
    }

    @Test
    void aSignedEventThatBreaksTheSchemaIs400() {
        send("{\"eventId\":\"evt-1\",\"orderId\":\"o-1\",\"status\":\"MAYBE\"}", SECRET, now())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("/status"));
        send("not json", SECRET, now()).then().statusCode(400);
    }

    @Test
    void anEventIdEndingInALineBreakIs400AndWritesNothing() {
        String orderId = fulfilledOrder();
        String eventId = "evt-" + Orders.newId();
        // A JSON escape: valid JSON whose eventId ends in a line break, signed correctly
        send(event(eventId + "\\n", orderId, "PAID"), SECRET, now())
                .then().statusCode(400).contentType("application/problem+json");

        send(event(eventId, orderId, "PAID"), SECRET, now()).then().statusCode(200)
                .body("eventId", equalTo(eventId)).body("status", equalTo("processed"));
    }

    @Test
    void junctionsOwnCallsToTheInventoryAreSigned() {
        String sku = Orders.newSku();
        fulfilledOrder(sku);

        List<LoggedRequest> calls = Inventory.ofApplication().requestsFor(sku);
        assertThat(calls).isNotEmpty();
        for (LoggedRequest call : calls) {
            String timestamp = call.getHeader(HmacSignature.TIMESTAMP_HEADER);
            assertThat(timestamp).isNotNull();
            assertThat(call.getHeader(HmacSignature.SIGNATURE_HEADER))
                    .isEqualTo(HmacSignature.sign("test-outbound-secret", timestamp, call.getBody()));
        }
    }

    private String fulfilledOrder() {
        return fulfilledOrder(Orders.newSku());
    }

    /** An order through intake and fulfilment, as the payment provider would find it. */
    private String fulfilledOrder(String sku) {
        String orderId = Orders.newId();
        Clients.intake().contentType(ContentType.JSON).body(Orders.withSkus(orderId, sku)).when()
                .post("/api/v1/orders").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count(
                "SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ? AND status = 'FULFILLED'", orderId) == 1);
        return orderId;
    }

    private String paymentStatus(String orderId) {
        List<Map<String, Object>> found = rows.query("SELECT payment_status FROM fulfilment_order WHERE order_id = ?",
                orderId);
        return (String) found.get(0).get("payment_status");
    }

    private static Response send(String body, String secret, long timestamp) {
        return given().contentType(ContentType.JSON)
                .header(HmacSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(HmacSignature.SIGNATURE_HEADER, HmacSignature.sign(secret, String.valueOf(timestamp),
                        bytes(body)))
                .body(bytes(body)).when().post(PATH);
    }

    private static String event(String eventId, String orderId, String status) {
        return "{\"eventId\":\"%s\",\"orderId\":\"%s\",\"status\":\"%s\"}".formatted(eventId, orderId, status);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
