package dev.junction.samples.intake;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static dev.junction.testing.KafkaTopics.INTERNATIONAL;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static dev.junction.testing.KafkaTopics.orderLanes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * routes/order-intake.yaml end to end: real HTTP requests in, real Kafka records out, on a real broker.
 */
@QuarkusTest
class OrderIntakeTest {

    private static final String ORDERS = "/api/v1/orders";
    private static final String BATCH = "/api/v1/orders:batch";

    @Inject
    KafkaTopics topics;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "junction.dead-letter.journal.dir")
    Path journal;

    @ParameterizedTest(name = "{0} to {1} goes to {2}")
    @CsvSource({
            "express,  DE, orders.express",
            "express,  US, orders.express",
            "standard, US, orders.international",
            "standard, DE, orders.standard",
            "standard, AT, orders.standard" })
    void routesEachOrderToItsLane(String method, String country, String expectedTopic) {
        Map<TopicPartition, Long> mark = topics.mark(orderLanes());
        String orderId = Orders.newId();
        String order = Orders.order(orderId, method, country);

        post(ORDERS, order).statusCode(202)
                .contentType(ContentType.JSON)
                .body("orderId", equalTo(orderId))
                .body("status", equalTo("accepted"))
                .body("topic", equalTo(expectedTopic));

        ConsumerRecord<String, String> record = topics.awaitRecordWithKey(mark, orderId);
        assertThat(record.topic()).isEqualTo(expectedTopic);
        assertThat(record.value()).isEqualTo(order);
        assertThat(topics.countSince(mark)).as("exactly one record across all lanes").isEqualTo(1);
    }

    @Test
    void receiptNamesWhereTheRecordLanded() {
        Map<TopicPartition, Long> mark = topics.mark(orderLanes());
        String orderId = Orders.newId();

        Response response = post(ORDERS, Orders.order(orderId, "express", "DE")).statusCode(202).extract().response();

        ConsumerRecord<String, String> record = topics.awaitRecordWithKey(mark, orderId);
        assertThat(response.jsonPath().getInt("partition")).isEqualTo(record.partition());
        assertThat(response.jsonPath().getLong("offset")).isEqualTo(record.offset());
    }

    @Test
    void clientHeadersReachNeitherKafkaNorTheResponse() {
        Map<TopicPartition, Long> mark = topics.mark(orderLanes());
        String orderId = Orders.newId();

        Response response = Clients.intake().contentType(ContentType.JSON)
                .header("Authorization", "Bearer secret-token")
                .header("X-Custom", "leak-me")
                .body(Orders.order(orderId, "standard", "DE"))
                .when().post(ORDERS)
                .then().statusCode(202).extract().response();

        assertThat(response.headers().hasHeaderWithName("Authorization")).isFalse();
        assertThat(response.headers().hasHeaderWithName("X-Custom")).isFalse();
        assertThat(response.headers().hasHeaderWithName("kafka.KEY")).isFalse();
        ConsumerRecord<String, String> record = topics.awaitRecordWithKey(mark, orderId);
        assertThat(headerNames(record)).doesNotContain("Authorization", "X-Custom", "authorization", "x-custom");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "CamelBeanMethodName", "CAMELBEANMETHODNAME", "cAmElBeanMethodName" })
    void clientsCannotSteerRoutesWithCamelHeaders(String header) {
        Map<TopicPartition, Long> mark = topics.mark(orderLanes());
        String notAnOrder = "{\"orderId\":\"o-bypass\"}";
        String skipValidation = "validate('{}', 'order-batch.schema.json')";

        Clients.intake().contentType(ContentType.JSON)
                .header(header, skipValidation)
                .header("CamelHttpResponseCode", "200")
                .queryParam(header, skipValidation)
                .body(notAnOrder)
                .when().post(ORDERS)
                .then().statusCode(400)
                .body("errors.field", hasItem("/customerId"));

        assertThat(topics.countSince(mark)).isZero();
    }

    @Test
    void rejectsMissingFieldsWrongTypesAndNegativeQuantitiesNamingEachField() {
        String invalid = """
                {"orderId":"o-bad-1","currency":"EUR","shipping":{"method":"express"},
                 "lines":[{"sku":"SKU-1","quantity":-2,"unitPrice":"9.99"}]}""";

        refused(invalid)
                .body("type", equalTo("urn:junction:problem:validation-failed"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/orders"))
                .body("errors.field", containsInAnyOrder("/customerId", "/shipping/country",
                        "/lines/0/quantity", "/lines/0/unitPrice"))
                .body("errors.find { it.field == '/lines/0/quantity' }.message", containsString("minimum value of 1"))
                .body("errors.find { it.field == '/lines/0/unitPrice' }.message", containsString("number"))
                .body("errors.find { it.field == '/customerId' }.message", equalTo("is required"));
    }

    @Test
    void rejectsUnknownShippingMethod() {
        refused(Orders.order(Orders.newId(), "teleport", "DE")).body("errors.field", contains("/shipping/method"));
    }

    @Test
    void rejectsMalformedJsonWithItsPosition() {
        refused("{\"orderId\": \"o-1\",")
                .body("title", equalTo("The request body is not valid JSON"))
                .body("errors[0].field", equalTo(""))
                .body("errors[0].message", containsString("line 1, column"));
    }

    @Test
    void rejectsAnEmptyBody() {
        refused("").body("title", equalTo("The request body is empty"));
    }

    @Test
    void rejectsNonJsonContentType() {
        Clients.intake().contentType(ContentType.TEXT).body(Orders.order(Orders.newId(), "express", "DE"))
                .when().post(ORDERS)
                .then().statusCode(415);
    }

    @Test
    void batchSplitsIntoSingleOrdersWithAResultPerItem() {
        Map<TopicPartition, Long> mark = topics.mark(orderLanes());
        String express = Orders.newId();
        String international = Orders.newId();
        String standard = Orders.newId();
        String batch = batch(Orders.order(express, "express", "DE"), Orders.order(international, "standard", "JP"),
                "{\"orderId\":\"o-incomplete\"}", Orders.order(standard, "standard", "DE"));

        post(BATCH, batch).statusCode(207)
                .contentType(ContentType.JSON)
                .body("total", equalTo(4))
                .body("accepted", equalTo(3))
                .body("rejected", equalTo(1))
                .body("failed", equalTo(0))
                .body("results.index", contains(0, 1, 2, 3))
                .body("results.status", contains(202, 202, 400, 202))
                .body("results[0].receipt.topic", equalTo(EXPRESS))
                .body("results[1].receipt.topic", equalTo(INTERNATIONAL))
                .body("results[2].problem.errors.field", hasItem("/customerId"))
                .body("results[3].receipt.topic", equalTo(STANDARD));

        List<ConsumerRecord<String, String>> records = topics.awaitRecords(mark, r -> r.size() >= 3);
        Map<String, String> topicByKey = records.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::topic));
        assertThat(topicByKey).containsOnly(Map.entry(express, EXPRESS), Map.entry(international, INTERNATIONAL),
                Map.entry(standard, STANDARD));
        assertThat(topics.countSince(mark)).isEqualTo(3);
    }

    @Test
    void batchPublishesEachOrderByteForByteAsSent() {
        Map<TopicPartition, Long> mark = topics.mark(orderLanes());
        String orderId = Orders.newId();
        String order = Orders.order(orderId, "express", "DE")
                .replace("9.99", "0.1000000000000000055511151231257827")
                .replace("120.10", "1.0E-7")
                .replace("\"customerId\":\"c-1\"", "\"customerId\" : \"c-\\u00e9\"");

        post(BATCH, "[ " + order + " ,\n" + Orders.order(Orders.newId(), "express", "AT") + "]").statusCode(202)
                .body("accepted", equalTo(2));

        assertThat(topics.awaitRecordWithKey(mark, orderId).value()).isEqualTo(order);
    }

    @Test
    void batchMustBeANonEmptyBoundedArray() {
        post(BATCH, Orders.order(Orders.newId(), "express", "DE")).statusCode(400)
                .body("errors[0].message", containsString("array expected"));

        post(BATCH, "[]").statusCode(400)
                .body("errors[0].message", containsString("at least 1"));

        post(BATCH, batch(Collections.nCopies(501, "{}").toArray(String[]::new))).statusCode(400)
                .body("errors[0].message", containsString("at most 500"));
    }

    @Test
    void onlyTheBatchCustomMethodIsServed() {
        problem("/api/v1/ordersXYZ", batch(Orders.order(Orders.newId(), "express", "DE")), 404)
                .header("batch", nullValue());
    }

    @Test
    void anUnpublishableOrderIsKeptInTheDeadLetterStoreAndPublishedWhenReplayed() {
        topics.ensureExist(STANDARD);
        // The broker itself refuses the record: a real, non-retriable publish failure.
        topics.setTopicConfig(STANDARD, "max.message.bytes", "64");
        String orderId = Orders.newId();
        String order = Orders.order(orderId, "standard", "DE");
        String correlationId = "kept-" + orderId;
        try {
            Map<TopicPartition, Long> lanes = topics.mark(orderLanes());

            Clients.intake().contentType(ContentType.JSON)
                    .header("Authorization", "Bearer secret-token").header("X-Correlation-ID", correlationId)
                    .body(order).when().post(ORDERS)
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:junction:problem:not-published"))
                    .body("status", equalTo(503))
                    .body("orderId", equalTo(orderId))
                    .body("detail", containsString("after 4 attempts"))
                    .body("detail", containsString("has been kept"))
                    .header("X-Correlation-ID", correlationId);
            assertThat(topics.countSince(lanes)).isZero();
        } finally {
            topics.setTopicConfig(STANDARD, "max.message.bytes", null);
        }

        // In the store, not on the broker that refused it: the order as received, why, and where a replay goes.
        JsonPath list = DeadLetters.operator().queryParam("correlationId", correlationId)
                .when().get(DeadLetters.PATH).then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items")).hasSize(1);
        String id = list.getString("items[0].id");
        // Found by its orderId too, the key an operator asked about it has.
        assertThat(DeadLetters.operator().queryParam("key", orderId).when().get(DeadLetters.PATH)
                .then().statusCode(200).extract().jsonPath().getList("items.id")).containsExactly(id);
        JsonPath dead = DeadLetters.operator().when().get(DeadLetters.PATH + "/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(dead.getString("route")).isEqualTo("accept-order");
        assertThat(dead.getString("status")).isEqualTo("PENDING");
        assertThat(dead.getInt("attempts")).isEqualTo(4);
        assertThat(dead.getString("exception.class"))
                .isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(dead.getString("body")).isEqualTo(order);
        assertThat(dead.getMap("headers").keySet()).doesNotContain("Authorization");

        // The broker takes records again: the replay publishes the order to its lane, under its correlation id.
        Map<TopicPartition, Long> mark = topics.mark(STANDARD);
        DeadLetters.operator().when().post(DeadLetters.PATH + "/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("REPLAYED"));
        ConsumerRecord<String, String> published = topics.awaitRecordWithKey(mark, orderId);
        assertThat(published.value()).isEqualTo(order);
        assertThat(headers(published).get("X-Correlation-ID")).isEqualTo(correlationId);
    }

    @Test
    void whenEvenTheDeadLetterStoreAndJournalRefuseTheCallerIsToldTheOrderWasNotKept() throws IOException {
        topics.ensureExist(INTERNATIONAL);
        topics.setTopicConfig(INTERNATIONAL, "max.message.bytes", "64");
        Rows rows = new Rows(dataSource);
        Path journalAway = journal.resolveSibling(journal.getFileName() + "-away");
        rows.execute("ALTER TABLE dead_letter RENAME TO dead_letter_offline");
        // A plain file where the journal directory should be: the journal cannot write either.
        if (Files.exists(journal)) {
            Files.move(journal, journalAway);
        }
        Files.writeString(journal, "not a directory");
        try {
            problem(ORDERS, Orders.order(Orders.newId(), "standard", "BR"), 503)
                    .body("detail", containsString("was not kept"))
                    .body("detail", not(containsString("has been kept")));
        } finally {
            Files.delete(journal);
            if (Files.exists(journalAway)) {
                Files.move(journalAway, journal);
            }
            rows.execute("ALTER TABLE dead_letter_offline RENAME TO dead_letter");
            topics.setTopicConfig(INTERNATIONAL, "max.message.bytes", null);
        }
    }

    @Test
    void batchStopsTryingAfterAnOrderTheBrokerRefused() {
        topics.ensureExist(INTERNATIONAL);
        topics.setTopicConfig(INTERNATIONAL, "max.message.bytes", "64");
        try {
            Map<TopicPartition, Long> lanes = topics.mark(orderLanes());
            String first = Orders.newId();
            String stuck = Orders.newId();
            String after = Orders.newId();
            String batch = batch(Orders.order(first, "express", "DE"), Orders.order(stuck, "standard", "CA"),
                    Orders.order(after, "express", "DE"));

            String correlationId = "batch-" + stuck;
            Clients.intake().contentType(ContentType.JSON).header("X-Correlation-ID", correlationId).body(batch)
                    .when().post(BATCH)
                    .then().statusCode(207)
                    .body("accepted", equalTo(1))
                    .body("failed", equalTo(2))
                    .body("results.status", contains(202, 503, 503))
                    .body("results[1].problem.type", equalTo("urn:junction:problem:not-published"))
                    .body("results[1].problem.orderId", equalTo(stuck))
                    .body("results[1].problem.detail", containsString("has been kept"))
                    .body("results[2].problem.type", equalTo("urn:junction:problem:not-attempted"));

            // The refused order is kept, alone: the one after it was not tried.
            JsonPath kept = DeadLetters.operator().queryParam("correlationId", correlationId)
                    .when().get(DeadLetters.PATH).then().statusCode(200).extract().jsonPath();
            assertThat(kept.getList("items.route")).containsExactly("accept-order");
            assertThat(DeadLetters.operator().when().get(DeadLetters.PATH + "/" + kept.getString("items[0].id"))
                    .then().statusCode(200).extract().jsonPath().getString("body")).contains(stuck);
            // Only the first order was published; the one after the refusal was not tried.
            assertThat(topics.awaitRecordWithKey(lanes, first).topic()).isEqualTo(EXPRESS);
            assertThat(topics.countSince(lanes)).isEqualTo(1);
        } finally {
            topics.setTopicConfig(INTERNATIONAL, "max.message.bytes", null);
        }
    }

    /** A batch request's body: these orders (or anything else), as a JSON array. */
    private static String batch(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    /** Sends this body as the intake client does, as JSON: the answer, to check. */
    private static ValidatableResponse post(String path, String body) {
        return Clients.intake().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    /** The same, expecting a problem answer with this status. */
    private static ValidatableResponse problem(String path, String body, int status) {
        return post(path, body).statusCode(status).contentType("application/problem+json");
    }

    /**
     * The intake's 400 problem for this body, and nothing on any lane: publishing is synchronous, so had anything been
     * sent, the broker would hold it before the 400 was written. The answer, to check further.
     */
    private ValidatableResponse refused(String body) {
        Map<TopicPartition, Long> lanes = topics.mark(orderLanes());
        ValidatableResponse answer = problem(ORDERS, body, 400);
        assertThat(topics.countSince(lanes)).isZero();
        return answer;
    }

    private static List<String> headerNames(ConsumerRecord<String, String> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).map(Header::key).toList();
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8),
                        (a, b) -> b));
    }
}
