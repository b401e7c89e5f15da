package dev.junction.samples.fulfilment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.junction.testing.KafkaTopics.FULFILLED;
import static dev.junction.testing.KafkaTopics.REJECTED;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.Inventory;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Metrics;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * routes/order-fulfilment.yaml against real services: order records on a real Kafka broker, the inventory service
 * a real HTTP server (WireMock) that the tests make slow, failing or refusing, and rows in a real PostgreSQL.
 */
@QuarkusTest
class OrderFulfilmentTest {

    static final String GROUP = "junction-fulfilment";
    static final String[] OUTCOMES = { FULFILLED, REJECTED };

    @Inject
    KafkaTopics topics;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper mapper;

    @Inject
    Rows rows;

    @Inject
    Inventory inventory;

    @Inject
    DeadLetters deadLetters;

    @Test
    void anOrderPostedToIntakeIsFulfilledRecordedAndAnnounced() throws Exception {
        Map<TopicPartition, Long> mark = topics.mark(OUTCOMES);
        String orderId = Orders.newId();
        String sku1 = Orders.newSku();
        String sku2 = Orders.newSku();

        Clients.intake().contentType(ContentType.JSON).body(Orders.withSkus(orderId, sku1, sku2))
                .when().post("/api/v1/orders")
                .then().statusCode(202);

        ConsumerRecord<String, String> event = topics.awaitRecordWithKey(mark, orderId);
        assertThat(event.topic()).isEqualTo(FULFILLED);
        JsonNode outcome = mapper.readTree(event.value());
        assertThat(outcome.path("orderId").asText()).isEqualTo(orderId);
        assertThat(outcome.path("status").asText()).isEqualTo("FULFILLED");
        assertThat(outcome.path("reason").isNull()).isTrue();
        assertThat(outcome.path("lines")).hasSize(2);
        assertThat(outcome.path("lines").get(0).path("reservationId").asText()).isEqualTo("R-" + orderId + "/1");
        assertThat(outcome.path("lines").get(1).path("sku").asText()).isEqualTo(sku2);
        // The event says what it is and which request it came from; nothing of the inventory's answers or the
        // original record rides along.
        assertThat(event.headers().toArray()).extracting(Header::key)
                .containsExactlyInAnyOrder("Content-Type", "X-Correlation-ID");

        assertThat(rows.query("SELECT status, customer_id, currency, shipping_method, shipping_country"
                + " FROM fulfilment_order WHERE order_id = ? AND reason IS NULL", orderId))
                .containsExactly(Map.of("status", "FULFILLED", "customer_id", "c-1", "currency", "EUR",
                        "shipping_method", "standard", "shipping_country", "DE"));
        assertThat(rows.query("SELECT line_no, sku, quantity, status, reservation_id FROM fulfilment_order_line"
                + " WHERE order_id = ? ORDER BY line_no", orderId))
                .containsExactly(
                        Map.of("line_no", 1, "sku", sku1, "quantity", 1, "status", "RESERVED", "reservation_id",
                                "R-" + orderId + "/1"),
                        Map.of("line_no", 2, "sku", sku2, "quantity", 1, "status", "RESERVED", "reservation_id",
                                "R-" + orderId + "/2"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("junction_fulfilment_orders_total\\{[^}]*outcome=\"fulfilled\"[^}]*} [1-9]")
                .containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"call-inventory\"[^}]*} [1-9]");
        // A reservation slower than the response timeout is retried with the same Idempotency-Key: one or more.
        assertThat(inventory.requestsFor(sku1)).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo(orderId + "/1");
            assertThat(mapper.readTree(request.getBodyAsString()).path("quantity").asInt()).isEqualTo(1);
        });
    }

    @Test
    void theSameOrderTwiceAndAgainAfterARewindIsHandledOnce() {
        Map<TopicPartition, Long> outcomes = topics.mark(OUTCOMES);
        Map<TopicPartition, Long> orders = topics.mark(STANDARD);
        List<String> orderIds = new ArrayList<>();
        String sku = Orders.newSku();
        for (int i = 0; i < 10; i++) {
            String orderId = Orders.newId();
            orderIds.add(orderId);
            topics.send(STANDARD, null, orderId, Orders.withSkus(orderId, sku));
        }
        // The producer retried, or an upstream system sent it again: the very same record once more.
        topics.send(STANDARD, null, orderIds.get(0), Orders.withSkus(orderIds.get(0), sku));
        topics.awaitRecords(outcomes, records -> records.size() >= orderIds.size());
        topics.awaitGroupCaughtUp(GROUP, STANDARD);

        // The consumer restarts and its group is moved back: every one of those records is consumed again.
        stopFulfilment();
        topics.rewindGroup(GROUP, orders);
        startFulfilment();
        topics.awaitGroupCaughtUp(GROUP, STANDARD);

        List<ConsumerRecord<String, String>> events = topics.readSince(outcomes);
        assertThat(events).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(orderIds);
        assertThat(events).extracting(ConsumerRecord::topic).containsOnly(FULFILLED);
        for (String orderId : orderIds) {
            assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", orderId)).isOne();
            assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order_line WHERE order_id = ?", orderId)).isOne();
        }
        // Records seen again were recognised before any stock was reserved for them a second time.
        assertThat(inventory.requestsFor(sku)).hasSize(orderIds.size());
    }

    @Test
    void anOrderRecordedWhoseEventNeverLeftHasItPublishedWhenTheRecordComesAgain() {
        String sku = Orders.newSku();
        SentOrder sent = send(sku);
        String orderId = sent.orderId();
        String order = sent.order();
        ConsumerRecord<String, String> event = topics.awaitRecordWithKey(sent.outcomes(), orderId);
        // The event is kept with the order, written in its transaction, and marked once it is on its topic.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rows.query("SELECT topic, payload"
                + " FROM fulfilment_event WHERE order_id = ? AND published_at IS NOT NULL", orderId))
                .containsExactly(Map.of("topic", FULFILLED, "payload", event.value())));
        double republishedBefore = Metrics.sum("junction_fulfilment_events_republished_total");

        // What a replica killed between its commit and its publish leaves behind: the order recorded, its event
        // not published, and the record's offset not committed, so the record is consumed again.
        rows.update("UPDATE fulfilment_event SET published_at = NULL WHERE order_id = ?", orderId);
        Map<TopicPartition, Long> again = topics.mark(OUTCOMES);
        topics.send(STANDARD, null, orderId, order);

        ConsumerRecord<String, String> republished = topics.awaitRecordWithKey(again, orderId);
        assertThat(republished.topic()).isEqualTo(FULFILLED);
        assertThat(republished.value()).isEqualTo(event.value());
        assertThat(republished.headers().toArray()).extracting(Header::key)
                .containsExactlyInAnyOrder("Content-Type", "X-Correlation-ID");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rows.count("SELECT COUNT(*) FROM"
                + " fulfilment_event WHERE order_id = ? AND published_at IS NOT NULL", orderId)).isOne());
        assertThat(Metrics.sum("junction_fulfilment_events_republished_total")).isEqualTo(republishedBefore + 1);

        // Once it is published, the order delivered yet again publishes nothing; its stock was reserved once.
        Map<TopicPartition, Long> third = topics.mark(OUTCOMES);
        topics.send(STANDARD, null, orderId, order);
        topics.awaitGroupCaughtUp(GROUP, STANDARD);
        assertThat(topics.readSince(third)).extracting(ConsumerRecord::key).doesNotContain(orderId);
        assertThat(inventory.requestsFor(sku)).hasSize(1);
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order_line WHERE order_id = ?", orderId)).isOne();
    }

    @Test
    void aLineTheInventoryTurnsDownRejectsTheOrderWithoutRetries() throws Exception {
        String inStock = Orders.newSku();
        String soldOut = Orders.newSku();
        inventory.answer(soldOut, aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Out of stock\",\"detail\":\"only 0 left\"}"));

        SentOrder sent = send(inStock, soldOut);
        String orderId = sent.orderId();

        ConsumerRecord<String, String> event = topics.awaitRecordWithKey(sent.outcomes(), orderId);
        assertThat(event.topic()).isEqualTo(REJECTED);
        JsonNode outcome = mapper.readTree(event.value());
        assertThat(outcome.path("status").asText()).isEqualTo("REJECTED");
        assertThat(outcome.path("reason").asText())
                .isEqualTo("line 2 (" + soldOut + ") inventory answered 409: only 0 left");
        assertThat(rows.query("SELECT status, reason FROM fulfilment_order WHERE order_id = ?", orderId))
                .containsExactly(Map.of("status", "REJECTED", "reason", outcome.path("reason").asText()));
        assertThat(rows.query("SELECT line_no, status FROM fulfilment_order_line WHERE order_id = ? ORDER BY line_no",
                orderId)).containsExactly(Map.of("line_no", 1, "status", "RESERVED"),
                        Map.of("line_no", 2, "status", "REJECTED"));
        assertThat(inventory.requestsFor(soldOut)).hasSize(1);
        assertThat(topics.countSince(sent.outcomes())).isOne();
    }

    @Test
    void anInventoryOutageThatPassesIsRetriedUntilTheLineIsReserved() {
        String sku = Orders.newSku();
        inventory.answerInTurn(sku, aResponse().withStatus(503), aResponse().withStatus(503),
                Inventory.reserved("R-after-outage"));

        SentOrder sent = send(sku);

        assertThat(topics.awaitRecordWithKey(sent.outcomes(), sent.orderId()).topic()).isEqualTo(FULFILLED);
        assertThat(inventory.requestsFor(sku)).hasSize(3);
        assertThat(rows.query("SELECT status, reservation_id FROM fulfilment_order_line WHERE order_id = ?",
                sent.orderId()))
                .containsExactly(Map.of("status", "RESERVED", "reservation_id", "R-after-outage"));
    }

    @Test
    void anInventoryThatNeverAnswersInTimeGetsTheOrderDeadLettered() {
        String sku = Orders.newSku();
        // Twice the test profile's response timeout (3 s): every attempt times out, however busy the machine.
        inventory.answer(sku, aResponse().withStatus(201).withFixedDelay(6_000));

        SentOrder sent = send(sku);
        String orderId = sent.orderId();

        JsonPath dead = deadLetters.get(deadLetters.awaitForKey(orderId));
        assertThat(dead.getString("route")).isEqualTo("fulfil-order");
        assertThat(dead.getString("endpoint")).startsWith("kafka://orders.express,orders.standard");
        assertThat(dead.getString("status")).isEqualTo("PENDING");
        // The record as consumed, text as it was, with what the route read from it: replay needs both.
        assertThat(dead.getString("bodyEncoding")).isEqualTo("text");
        assertThat(dead.getString("body")).isEqualTo(sent.order());
        assertThat(dead.getString("headers.'kafka.KEY'")).isEqualTo(orderId);
        assertThat(dead.getString("headers.'kafka.TOPIC'")).isEqualTo(STANDARD);
        assertThat(dead.getString("exception.class")).isEqualTo("java.net.SocketTimeoutException");
        assertThat(dead.getString("stackSummary")).startsWith("java.net.SocketTimeoutException");
        // The step of fulfil-order that failed (the HTTP call inside it timed out).
        assertThat(dead.getString("failedEndpoint")).isEqualTo("direct://reserve-line");
        // One first attempt and three redeliveries, then nothing more.
        assertThat(dead.getInt("attempts")).isEqualTo(4);
        assertThat(OffsetDateTime.parse(dead.getString("lastFailedAt")))
                .isAfter(OffsetDateTime.parse(dead.getString("firstFailedAt")));
        assertThat(inventory.requestsFor(sku)).hasSize(4);
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", orderId)).isZero();
        assertThat(topics.countSince(sent.outcomes())).isZero();
    }

    @Test
    void aLineThatCannotBeWrittenRollsBackTheWholeOrder() {
        String unwritable = Orders.newSku();
        // Reserved, but with an id longer than fulfilment_order_line.reservation_id takes: the order row and line 1
        // are already written in the transaction when line 2 fails.
        inventory.answer(unwritable, Inventory.reserved("R".repeat(200)));

        SentOrder sent = send(Orders.newSku(), unwritable);
        String orderId = sent.orderId();

        JsonPath dead = deadLetters.get(deadLetters.awaitForKey(orderId));
        assertThat(dead.getString("exception.class"))
                .isEqualTo("org.springframework.dao.DataIntegrityViolationException");
        // A value too long for its column (SQLState 22001) fails the same way every time: dead-lettered at once,
        // not after the redeliveries, so the records behind it in the lane do not wait
        assertThat(dead.getInt("attempts")).isEqualTo(1);
        assertThat(topics.countSince(sent.outcomes())).isZero();
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", orderId)).isZero();
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order_line WHERE order_id = ?", orderId)).isZero();
        assertThat(rows.count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?", orderId)).isZero();
    }

    @Test
    void aPoisonRecordIsDeadLetteredAtOnceAndTheRecordsBehindItFlow() {
        Map<TopicPartition, Long> mark = topics.mark(OUTCOMES);
        String poisonKey = "poison-" + Orders.newId();
        String orderId = Orders.newId();
        // Same partition, poison first: the order behind it must not be stuck.
        topics.send(STANDARD, 0, poisonKey, "{\"orderId\": oops");
        topics.send(STANDARD, 0, orderId, Orders.withSkus(orderId, Orders.newSku()));

        assertThat(topics.awaitRecordWithKey(mark, orderId).topic()).isEqualTo(FULFILLED);
        JsonPath dead = deadLetters.get(deadLetters.awaitForKey(poisonKey));
        assertThat(dead.getString("body")).isEqualTo("{\"orderId\": oops");
        assertThat(dead.getString("exception.class")).isEqualTo("dev.junction.runtime.json.JsonValidationException");
        assertThat(dead.getInt("attempts")).isEqualTo(1);
    }

    /** Marks the outcome topics, then sends a new order with one line per SKU to the standard lane. */
    private SentOrder send(String... skus) {
        Map<TopicPartition, Long> outcomes = topics.mark(OUTCOMES);
        String orderId = Orders.newId();
        String order = Orders.withSkus(orderId, skus);
        topics.send(STANDARD, null, orderId, order);
        return new SentOrder(orderId, order, outcomes);
    }

    /** An order as sent, and where its outcome will be: the outcome topics as they were before it. */
    private record SentOrder(String orderId, String order, Map<TopicPartition, Long> outcomes) {
    }

    private void stopFulfilment() {
        try {
            camel.getRouteController().stopRoute("fulfil-order");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void startFulfilment() {
        try {
            camel.getRouteController().startRoute("fulfil-order");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
