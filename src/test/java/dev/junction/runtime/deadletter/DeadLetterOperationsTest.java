package dev.junction.runtime.deadletter;

import static dev.junction.testing.DeadLetters.OPERATOR_NAME;
import static dev.junction.testing.DeadLetters.PATH;
import static dev.junction.testing.DeadLetters.operator;
import static dev.junction.testing.KafkaTopics.FULFILLED;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.junction.testing.AddedRoute;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.FailingOrders;
import dev.junction.testing.Inventory;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * The operator's workflow on the dead-letter store, through the operations API, with orders that really failed in
 * fulfilment (real Kafka, a real inventory HTTP server, real PostgreSQL): see what failed and why, fix, replay,
 * discard.
 */
@QuarkusTest
class DeadLetterOperationsTest {

    @Inject
    KafkaTopics topics;

    @Inject
    CamelContext camel;

    @Inject
    Rows rows;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Inventory inventory;

    @Inject
    FailingOrders failingOrders;

    @Test
    void failedOrdersAreListedAndFilteredByRouteStatusExceptionAndTime() {
        OffsetDateTime start = OffsetDateTime.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        String orderId = Orders.newId();
        String id = failInFulfilment(orderId);

        assertThat(list("route", "fulfil-order", "status", "PENDING", "exception", "inventoryunavailable",
                "from", start.toString())).contains(id);
        assertThat(list("status", "PENDING,REPLAY_FAILED", "limit", "500")).contains(id);
        assertThat(list("route", "accept-order")).doesNotContain(id);
        assertThat(list("exception", "SocketTimeout", "from", start.toString())).doesNotContain(id);
        assertThat(list("status", "DISCARDED", "from", start.toString())).doesNotContain(id);
        assertThat(list("to", start.toString())).doesNotContain(id);

        JsonPath page = operator().queryParam("from", start.toString()).queryParam("limit", 1)
                .when().get(PATH).then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getLong("total")).isPositive();
        assertThat(page.getInt("limit")).isEqualTo(1);

        JsonPath item = operator().queryParam("route", "fulfil-order").queryParam("from", start.toString())
                .when().get(PATH).then().statusCode(200).extract().jsonPath();
        int index = item.getList("items.id").indexOf(id);
        assertThat(item.getString("items[" + index + "].status")).isEqualTo("PENDING");
        assertThat(item.getInt("items[" + index + "].attempts")).isEqualTo(4);
        assertThat(item.getString("items[" + index + "].exception.class"))
                .isEqualTo("dev.junction.samples.fulfilment.InventoryUnavailableException");
        assertThat(item.getString("items[" + index + "].exception.message")).contains("HTTP 503");
        // Lists stay light: the message itself is only in a single dead letter's view.
        assertThat(item.getString("items[" + index + "].body")).isNull();
    }

    @Test
    void badQueriesAndMissingKeysGetProblemAnswers() {
        operator().queryParam("status", "LOST").when().get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("status must be one or more"));
        operator().queryParam("from", "yesterday").when().get(PATH)
                .then().statusCode(400).body("detail", containsString("from must be an ISO-8601 time"));
        operator().queryParam("limit", "5000").when().get(PATH)
                .then().statusCode(400).body("detail", containsString("limit must be a whole number from 1 to 500"));
        operator().when().get(PATH + "/no-such-id").then().statusCode(404).body("title",
                equalTo("No such dead letter"));
        operator().body("{\"ids\": ").when().post(PATH + "/replay")
                .then().statusCode(400).body("detail", containsString("not JSON"));
        // curl -d without a Content-Type posts a form: refused, rather than replaying with the edit dropped.
        String id = failInFulfilment(Orders.newId());
        given().header("X-API-Key", DeadLetters.API_KEY).contentType("application/x-www-form-urlencoded")
                .body("{\"body\": \"edited\"}").when().post(PATH + "/" + id + "/replay")
                .then().statusCode(415).body("detail", containsString("Content-Type: application/json"));
        assertThat(deadLetters.get(id).getString("status")).isEqualTo("PENDING");

        assertThat(given().when().get(PATH).then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("Authentication required")).extract().headers().getValues("WWW-Authenticate"))
                .contains("ApiKey header=\"X-API-Key\"");
        given().header("X-API-Key", "guess").when().post(PATH + "/any/replay").then().statusCode(401);
        // The key is read, never echoed back.
        assertThat(operator().when().get(PATH).then().statusCode(200).extract().headers().hasHeaderWithName(
                "X-API-Key")).isFalse();
    }

    @Test
    void aReplayAfterTheFaultIsFixedFulfilsTheOrderOnceAndIsNotRepeatedUnlessForced() {
        FixedOrder fixed = failInFulfilmentThenFix("R-replayed");
        String orderId = fixed.orderId();
        String id = fixed.deadLetterId();
        Map<TopicPartition, Long> mark = topics.mark(FULFILLED);

        operator().when().post(PATH + "/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("REPLAYED")).body("id", equalTo(id));

        // The replay ran to its end before the answer: the order is recorded and announced already.
        assertThat(eventsFor(mark, orderId)).hasSize(1);
        assertThat(rows.query("SELECT status, reservation_id FROM fulfilment_order_line WHERE order_id = ?",
                orderId)).containsExactly(Map.of("status", "RESERVED", "reservation_id", "R-replayed"));
        JsonPath replayed = deadLetters.get(id);
        assertThat(replayed.getString("status")).isEqualTo("REPLAYED");
        assertThat(replayed.getList("replays.outcome")).containsExactly("REPLAYED");
        assertThat(replayed.getList("replays.by")).containsExactly(OPERATOR_NAME);

        operator().when().post(PATH + "/" + id + "/replay")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is REPLAYED; replay it again with force"));

        // Forced, it goes through the route again, whose idempotency still holds: no second row, no second event.
        operator().body("{\"force\": true}").when().post(PATH + "/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("REPLAYED"));
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", orderId)).isOne();
        assertThat(eventsFor(mark, orderId)).hasSize(1);
        assertThat(deadLetters.get(id).getList("replays.forced")).containsExactly(false, true);
        assertThat(inventory.requestsFor(fixed.sku())).hasSize(5);
    }

    @Test
    void aReplayLeftRunningByADeadReplicaIsTakenOverOnceItsClaimIsOld() {
        FixedOrder fixed = failInFulfilmentThenFix("R-taken-over");
        String orderId = fixed.orderId();
        String id = fixed.deadLetterId();

        // A replay in progress (its claim is fresh): a second one is refused.
        rows.execute("UPDATE dead_letter SET status = 'REPLAYING', updated_at = CURRENT_TIMESTAMP WHERE id = '" + id
                + "'");
        operator().when().post(PATH + "/" + id + "/replay")
                .then().statusCode(409).body("detail", containsString("is being replayed right now"));

        // The replica holding it died mid-replay (kill -9): past junction.dead-letter.replay.claim-timeout (10m) the
        // claim is taken over, and the order goes through fulfilment, once.
        rows.execute("UPDATE dead_letter SET updated_at = CURRENT_TIMESTAMP - INTERVAL '11 minutes' WHERE id = '" + id
                + "'");
        operator().when().post(PATH + "/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("REPLAYED"));
        assertThat(rows.query("SELECT status, reservation_id FROM fulfilment_order_line WHERE order_id = ?",
                orderId)).containsExactly(Map.of("status", "RESERVED", "reservation_id", "R-taken-over"));
        assertThat(deadLetters.get(id).getString("status")).isEqualTo("REPLAYED");
    }

    @Test
    void aReplayThatFailsAgainUpdatesTheSameDeadLetter() {
        String orderId = Orders.newId();
        String id = failInFulfilment(orderId);

        operator().when().post(PATH + "/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("REPLAY_FAILED"))
                .body("detail", containsString("InventoryUnavailableException"));

        JsonPath failed = deadLetters.get(id);
        assertThat(failed.getString("status")).isEqualTo("REPLAY_FAILED");
        assertThat(failed.getInt("attempts")).isEqualTo(8);
        assertThat(failed.getList("replays.outcome")).containsExactly("REPLAY_FAILED");
        assertThat(failed.getString("replays[0].exception.class"))
                .isEqualTo("dev.junction.samples.fulfilment.InventoryUnavailableException");
        assertThat(rows.count("SELECT COUNT(*) FROM dead_letter WHERE message_key = ?", orderId)).isOne();
    }

    @Test
    void aPoisonRecordIsFixedAndReplayedWithAnEditedBody() {
        String key = "poison-" + Orders.newId();
        topics.send(STANDARD, null, key, "{\"orderId\": oops");
        String id = deadLetters.awaitForKey(key);
        String orderId = Orders.newId();
        Map<TopicPartition, Long> mark = topics.mark(FULFILLED);

        operator().body(Map.of("body", Orders.withSkus(orderId, Orders.newSku())))
                .when().post(PATH + "/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("REPLAYED"));

        assertThat(eventsFor(mark, orderId)).hasSize(1);
        JsonPath replayed = deadLetters.get(id);
        assertThat(replayed.getList("replays.edited")).containsExactly(true);
        // What failed stays on record as it was.
        assertThat(replayed.getString("body")).isEqualTo("{\"orderId\": oops");
    }

    @Test
    void aDiscardedDeadLetterLeavesThePendingOnesAndCannotBeReplayed() {
        String id = failInFulfilment(Orders.newId());
        double discardedBefore = metric("junction_dead_letters_discarded_total");

        operator().body("{}").when().post(PATH + "/" + id + "/discard")
                .then().statusCode(400).body("detail", containsString("Say why"));
        operator().body(Map.of("reason", "customer cancelled the order")).when().post(PATH + "/" + id + "/discard")
                .then().statusCode(200).body("status", equalTo("DISCARDED"))
                .body("discardReason", equalTo("customer cancelled the order"))
                .body("discardedBy", equalTo(OPERATOR_NAME));

        assertThat(list("status", "PENDING,REPLAY_FAILED", "limit", "500")).doesNotContain(id);
        operator().body(Map.of("reason", "again")).when().post(PATH + "/" + id + "/discard")
                .then().statusCode(409).body("detail", containsString("is DISCARDED"));
        operator().when().post(PATH + "/" + id + "/replay").then().statusCode(409);
        assertThat(metric("junction_dead_letters_discarded_total")).isEqualTo(discardedBefore + 1);
    }

    @Test
    void credentialsInRecordHeadersAreNotStored() {
        String key = "poison-" + Orders.newId();
        ProducerRecord<String, String> record = new ProducerRecord<>(STANDARD, key, "not an order");
        record.headers().add("Authorization", "Bearer s3cr3t".getBytes(StandardCharsets.UTF_8))
                .add("X-Db-Password", "hunter2".getBytes(StandardCharsets.UTF_8))
                .add("X-Trace-Id", "trace-1".getBytes(StandardCharsets.UTF_8));
        topics.sendAll(List.of(record));

        JsonPath dead = deadLetters.get(deadLetters.awaitForKey(key));
        Map<String, Object> headers = dead.getMap("headers");
        assertThat(headers).containsEntry("X-Trace-Id", "trace-1").doesNotContainKeys("Authorization",
                "X-Db-Password");
        // The stored headers are ciphertext: what was kept is what decrypts, the whole dead letter as the API shows it.
        assertThat(dead.prettify()).doesNotContain("s3cr3t", "hunter2");
    }

    @Test
    void aJavaRouteFedOverHttpDeadLettersWithoutConfigurationAndAnswersTheCaller() throws Exception {
        // A route as a user would add it: no error handling of its own, so Junction's default applies.
        try (AddedRoute route = AddedRoute.start(camel, "test-price-check", routes -> routes
                .from("platform-http:/test/price-check?httpMethodRestrict=POST").routeId("test-price-check")
                .description("Fails every request, as a route whose backend is down")
                .convertBodyTo(String.class)
                .throwException(new IllegalStateException("pricing backend down")))) {
            String requestBody = "{\"sku\":\"SKU-1\"}";
            String deadLetterId = given().contentType("application/json").header("Authorization", "Bearer s3cr3t")
                    .body(requestBody).when().post("/test/price-check")
                    .then().statusCode(500).contentType("application/problem+json")
                    .body("title", equalTo("The request could not be processed"))
                    .body("detail", containsString("after 4 attempt(s)"))
                    .extract().path("deadLetterId");

            JsonPath dead = deadLetters.get(deadLetterId);
            assertThat(dead.getString("route")).isEqualTo("test-price-check");
            assertThat(dead.getString("endpoint")).startsWith("platform-http:///test/price-check");
            assertThat(dead.getString("body")).isEqualTo(requestBody);
            assertThat(dead.getString("exception.message")).isEqualTo("pricing backend down");
            assertThat(dead.getMap("headers")).containsKey("Content-Type").doesNotContainKey("Authorization");

            operator().when().post(PATH + "/" + deadLetterId + "/replay")
                    .then().statusCode(200).body("outcome", equalTo("REPLAY_FAILED"))
                    .body("detail", containsString("pricing backend down"));
        }
    }

    @Test
    void theOperationsApiIsInTheOpenApiDocument() {
        given().when().get("/openapi").then().statusCode(200)
                .body(containsString("/api/ops/dead-letters/{id}/replay"))
                .body(containsString("/api/ops/dead-letters/{id}/discard"))
                .body(containsString("X-API-Key"));
    }

    @Test
    void pendingDeadLettersAreAGaugePerRoute() {
        failInFulfilment(Orders.newId());
        long pending = rows.count("SELECT COUNT(*) FROM dead_letter WHERE route_id = 'fulfil-order'"
                + " AND status IN ('PENDING', 'REPLAY_FAILED')");
        // Counted at once by the replica that stored it, recounted from the store on each journal drain (500 ms).
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(metric("junction_dead_letters_pending")).isEqualTo(pending));
        assertThat(metric("junction_dead_letters_recorded_total")).isPositive();
    }

    /** An order whose only line the inventory keeps answering 503: dead-lettered after its redeliveries. */
    private String failInFulfilment(String orderId) {
        return failingOrders.deadLetter(orderId, Orders.newSku());
    }

    /** A dead-lettered order whose fault is then fixed: the inventory reserves its SKU under this reservation id. */
    private FixedOrder failInFulfilmentThenFix(String reservationId) {
        String orderId = Orders.newId();
        String sku = Orders.newSku();
        String deadLetterId = failingOrders.deadLetter(orderId, sku);
        failingOrders.fix(sku, reservationId);
        return new FixedOrder(orderId, sku, deadLetterId);
    }

    private record FixedOrder(String orderId, String sku, String deadLetterId) {
    }

    private List<String> list(String... params) {
        var request = operator();
        for (int i = 0; i < params.length; i += 2) {
            request.queryParam(params[i], params[i + 1]);
        }
        return request.when().get(PATH).then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    private List<ConsumerRecord<String, String>> eventsFor(Map<TopicPartition, Long> mark, String orderId) {
        return topics.readSince(mark).stream().filter(r -> orderId.equals(r.key())).toList();
    }

    private static double metric(String name) {
        return DeadLetters.metrics("fulfil-order").getOrDefault(name, 0.0);
    }
}
