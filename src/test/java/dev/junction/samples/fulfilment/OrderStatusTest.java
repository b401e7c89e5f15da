package dev.junction.samples.fulfilment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.Inventory;
import dev.junction.testing.Orders;

/**
 * routes/order-status.yaml: an order posted to intake and handled by fulfilment, read back over HTTP as the
 * intake client that posted it.
 */
@QuarkusTest
class OrderStatusTest {

    static final String STATUS = "/api/v1/orders/{orderId}";

    @Test
    void aFulfilledOrderAnswersItsStatusAndLines() {
        String orderId = Orders.newId();
        String sku1 = Orders.newSku();
        String sku2 = Orders.newSku();
        Clients.intake().contentType(ContentType.JSON).body(Orders.withSkus(orderId, sku1, sku2))
                .when().post("/api/v1/orders").then().statusCode(202);

        awaitRecorded(orderId);
        Clients.intake().when().get(STATUS, orderId)
                .then().statusCode(200).contentType(ContentType.JSON)
                .header("X-API-Key", nullValue())
                .body("orderId", equalTo(orderId))
                .body("status", equalTo("FULFILLED"))
                .body("reason", nullValue())
                .body("currency", equalTo("EUR"))
                .body("shipping.method", equalTo("standard"))
                .body("shipping.country", equalTo("DE"))
                .body("recordedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("lines.lineNo", contains(1, 2))
                .body("lines.sku", contains(sku1, sku2))
                .body("lines.status", contains("RESERVED", "RESERVED"))
                .body("lines.reservationId", contains("R-" + orderId + "/1", "R-" + orderId + "/2"))
                .body("lines[0].unitPrice", equalTo(10));
    }

    @Test
    void aRejectedOrderSaysWhichLineAndWhy() {
        String orderId = Orders.newId();
        String inStock = Orders.newSku();
        String soldOut = Orders.newSku();
        Inventory.ofApplication().answer(soldOut, aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Out of stock\",\"detail\":\"only 0 left\"}"));
        Clients.intake().contentType(ContentType.JSON).body(Orders.withSkus(orderId, inStock, soldOut))
                .when().post("/api/v1/orders").then().statusCode(202);

        awaitRecorded(orderId);
        Clients.intake().when().get(STATUS, orderId)
                .then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("reason", equalTo("line 2 (" + soldOut + ") inventory answered 409: only 0 left"))
                .body("lines.status", contains("RESERVED", "REJECTED"))
                .body("lines[1].reservationId", nullValue());
    }

    @Test
    void anOrderNotRecordedIsA404Problem() {
        String orderId = Orders.newId();
        Clients.intake().when().get(STATUS, orderId)
                .then().statusCode(404).contentType("application/problem+json")
                .header("X-API-Key", nullValue())
                .body("type", equalTo("urn:junction:problem:order-not-found"))
                .body("status", equalTo(404))
                .body("title", equalTo("No such order"))
                .body("detail", equalTo("Junction has recorded no order " + orderId + "; an order just accepted is"
                        + " recorded once fulfilment has handled it."));
    }

    @Test
    void onlyIntakeClientsMayAsk() {
        String orderId = Orders.newId();
        io.restassured.RestAssured.given().when().get(STATUS, orderId).then().statusCode(401);
        Clients.operator().when().get(STATUS, orderId).then().statusCode(403);
        Clients.withToken(Clients.token("shop", "intake")).when().get(STATUS, orderId).then().statusCode(404);
    }

    private static void awaitRecorded(String orderId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(
                () -> Clients.intake().when().get(STATUS, orderId).then().statusCode(200));
    }
}
