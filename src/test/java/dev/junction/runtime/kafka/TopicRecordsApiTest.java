package dev.junction.runtime.kafka;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;

/**
 * GET /api/ops/topics/{topic}/records against the test broker: what is on a topic, by key, bounded; refused with a
 * problem when the topic or the request is wrong; for operators and viewers only.
 */
@QuarkusTest
class TopicRecordsApiTest {

    static final String RECORDS = "/api/ops/topics/{topic}/records";

    static KafkaTopics topics;

    @BeforeEach
    void connect() {
        if (topics == null) {
            topics = KafkaTopics.ofApplication();
        }
    }

    @AfterAll
    static void closeTopics() {
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void recordsOfOneKeyWithTheirHeadersAndValues() {
        String topic = newTopic();
        ProducerRecord<String, String> first = new ProducerRecord<>(topic, 1, "o-1", "{\"n\":1}");
        first.headers().add("X-Correlation-ID", "c-1".getBytes(StandardCharsets.UTF_8));
        topics.sendAll(List.of(first, new ProducerRecord<>(topic, 2, "o-2", "{\"n\":2}"),
                new ProducerRecord<>(topic, 1, "o-1", "{\"n\":3}"), new ProducerRecord<>(topic, 0, "o-1", null)));

        Clients.operator().queryParam("key", "o-1").when().get(RECORDS, topic)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("topic", equalTo(topic))
                .body("complete", equalTo(true))
                .body("records.key", contains("o-1", "o-1", "o-1"))
                .body("records.partition", contains(0, 1, 1))
                .body("records.offset", contains(0, 0, 1))
                .body("records.value", contains(null, "{\"n\":1}", "{\"n\":3}"))
                .body("records[1].headers.X-Correlation-ID", equalTo("c-1"))
                .body("records[2].headers.size()", equalTo(0))
                .body("records.timestamp", everyItem(matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z")));
        Clients.operator().when().get(RECORDS, topic).then().statusCode(200).body("records", hasSize(4));
    }

    @Test
    void whatIntakePublishedForAnOrderIsThere() {
        String orderId = Orders.newId();
        String correlationId = UUID.randomUUID().toString();
        Clients.intake().header("X-Correlation-ID", correlationId).contentType(ContentType.JSON)
                .body(Orders.order(orderId, "express", "DE")).when().post("/api/v1/orders").then().statusCode(202);

        JsonPath answer = Clients.operator().queryParam("key", orderId).when().get(RECORDS, EXPRESS)
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("records.key")).containsExactly(orderId);
        assertThat(answer.getString("records[0].value")).isEqualTo(Orders.order(orderId, "express", "DE"));
        assertThat(answer.getString("records[0].headers.X-Correlation-ID")).isEqualTo(correlationId);
    }

    @Test
    void theLimitBoundsTheAnswerFromTheBeginningOrTheEnd() {
        String topic = newTopic();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(new ProducerRecord<>(topic, 0, "r" + i, "value " + i));
        }
        topics.sendAll(records);

        Clients.operator().queryParam("limit", 2).when().get(RECORDS, topic)
                .then().statusCode(200).body("records.key", contains("r0", "r1")).body("complete", equalTo(false));
        Clients.operator().queryParam("limit", 2).queryParam("from", "end").when().get(RECORDS, topic)
                .then().statusCode(200).body("records.key", contains("r3", "r4")).body("complete", equalTo(false));
        Clients.operator().queryParam("limit", 5).queryParam("from", "end").when().get(RECORDS, topic)
                .then().statusCode(200).body("records", hasSize(5)).body("complete", equalTo(true));
    }

    @Test
    void aLongValueIsCut() {
        String topic = newTopic();
        topics.send(topic, 0, "big", "x".repeat(TopicRecords.MAX_VALUE_CHARS + 100));

        JsonPath answer = Clients.operator().when().get(RECORDS, topic).then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("records[0].value")).hasSize(TopicRecords.MAX_VALUE_CHARS);
        assertThat(answer.getBoolean("records[0].valueCut")).isTrue();
    }

    @Test
    void anUnknownTopicIsA404ProblemAndIsNotCreated() {
        String topic = "no-such-topic-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            Clients.operator().when().get(RECORDS, topic)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("title", equalTo("No such topic"))
                    .body("detail", equalTo("Kafka has no topic " + topic + "."));
        }
    }

    @Test
    void badRequestsAre400Problems() {
        String topic = newTopic();
        for (String limit : new String[] { "0", "501", "ten" }) {
            Clients.operator().queryParam("limit", limit).when().get(RECORDS, topic)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", equalTo("limit must be a whole number from 1 to 500, not " + limit));
        }
        Clients.operator().queryParam("from", "middle").when().get(RECORDS, topic)
                .then().statusCode(400).body("detail", equalTo("from must be beginning or end, not middle"));
        for (String name : new String[] { "__consumer_offsets", "a%20b", "x".repeat(250) }) {
            Clients.operator().urlEncodingEnabled(false).when().get("/api/ops/topics/" + name + "/records")
                    .then().statusCode(400).body("title", equalTo("Bad request"));
        }
    }

    @Test
    void operatorsAndViewersMayReadAndNobodyElse() {
        String topic = newTopic();
        Clients.withToken(Clients.token("ops-viewer", "viewer")).when().get(RECORDS, topic)
                .then().statusCode(200).body("records", hasSize(0));
        RestAssured.given().when().get(RECORDS, topic).then().statusCode(401)
                .body("title", equalTo("Authentication required"));
        Clients.intake().when().get(RECORDS, topic).then().statusCode(403);
        Clients.operator().when().get(RECORDS, topic).then().statusCode(200).header("X-API-Key", nullValue());
    }

    private static String newTopic() {
        String topic = "ops-records-" + UUID.randomUUID();
        topics.ensureExist(topic);
        return topic;
    }
}
