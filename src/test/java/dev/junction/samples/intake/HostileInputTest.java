package dev.junction.samples.intake;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static dev.junction.testing.KafkaTopics.INTERNATIONAL;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Metrics;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * The holes an attacker's probe found in the intake and the operations API, each closed and checked through the
 * real interface: the status and problem body the caller gets, and that nothing was published, stored or
 * dead-lettered that should not have been.
 */
@QuarkusTest
class HostileInputTest {

    private static final String ORDERS = "/api/v1/orders";
    private static final String BATCH = "/api/v1/orders:batch";
    private static final String[] TOPICS = { EXPRESS, STANDARD, INTERNATIONAL };

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    KafkaTopics topics;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Rows rows;

    @Test
    void anIdentifierEndingInALineBreakIsRefusedAndNothingIsPublished() {
        Map<TopicPartition, Long> mark = topics.mark(TOPICS);
        String base = Orders.newId();
        // As JSON escapes: the JSON text is valid, the identifier it holds ends in a line break
        for (String lineBreak : List.of("\\n", "\\r\\n", "\\r", "\\u2028", "\\u0085")) {
            Clients.intake().contentType(ContentType.JSON).body(Orders.order(base + lineBreak, "express", "DE"))
                    .when().post(ORDERS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("/orderId"));
        }

        assertOnlyThisOrderIsPublishedAfter(mark, base);
    }

    @Test
    void trailingDataAndDuplicateKeysAreRefusedAndNothingIsPublished() {
        Map<TopicPartition, Long> mark = topics.mark(TOPICS);
        String orderId = Orders.newId();
        String order = Orders.order(orderId, "express", "DE");

        refusedAsJson(ORDERS, order + " GARBAGE", "Unrecognized token 'GARBAGE'");
        refusedAsJson(ORDERS, order + order, "unexpected data after the JSON document");
        refusedAsJson(ORDERS, order.replace("\"method\":\"express\"", "\"method\":\"bogus\",\"method\":\"express\""),
                "duplicate key 'method'");
        refusedAsJson(BATCH, "[" + order + "] []", "unexpected data after the JSON document");

        assertOnlyThisOrderIsPublishedAfter(mark, orderId);
    }

    @Test
    void aPriceTheDatabaseCannotHoldIsRefusedAtIntake() {
        Map<TopicPartition, Long> mark = topics.mark(TOPICS);
        String orderId = Orders.newId();
        for (String price : List.of("1e308", "1e309", "1" + "0".repeat(59), "1000000000000000")) {
            String order = Orders.withSkus(orderId, "SKU-1").replace("\"unitPrice\":10.00", "\"unitPrice\":" + price);
            Clients.intake().contentType(ContentType.JSON).body(order).when().post(ORDERS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("/lines/0/unitPrice"));
        }

        assertOnlyThisOrderIsPublishedAfter(mark, orderId);
    }

    @Test
    void aRecordPastIntakesChecksIsDeadLetteredAtOnceWithoutHoldingItsLane() {
        OffsetDateTime start = OffsetDateTime.now().minusSeconds(1);
        String unstorable = Orders.newId();
        String good = Orders.newId();
        // Published by another producer (or an older Junction): a price NUMERIC(19,4) cannot hold, then a good order
        // behind it in the same partition.
        topics.send(STANDARD, 0, unstorable, Orders.withSkus(unstorable, Orders.newSku())
                .replace("\"unitPrice\":10.00", "\"unitPrice\":1e20"));
        topics.send(STANDARD, 0, good, Orders.withSkus(good, Orders.newSku()));

        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count(
                "SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ? AND status = 'FULFILLED'", good) == 1);
        List<String> ids = DeadLetters.operator().queryParam("route", "fulfil-order")
                .queryParam("from", start.toString()).when().get(DeadLetters.PATH).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        JsonPath deadLetter = ids.stream().map(id -> DeadLetters.operator().when().get(DeadLetters.PATH + "/" + id)
                .then().statusCode(200).extract().jsonPath()).filter(d -> d.getString("body").contains(unstorable))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter for " + unstorable + " in " + ids));
        assertThat(deadLetter.getInt("attempts")).as("not redelivered").isEqualTo(1);
        assertThat(deadLetter.getString("exception.message")).contains("/lines/0/unitPrice");
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", unstorable))
                .as("nothing half-written").isZero();
    }

    @Test
    void anUnknownCharsetIsA415AtOnceAndNeverRetried() throws Exception {
        Map<TopicPartition, Long> mark = topics.mark(TOPICS);
        String orderId = Orders.newId();
        double deadLettered = Metrics.sum("junction_dead_letters_recorded_total");
        for (String charset : List.of("x-bogus", "", "%%%")) {
            for (String path : List.of(ORDERS, BATCH)) {
                String body = path.equals(ORDERS) ? Orders.order(orderId, "express", "DE")
                        : "[" + Orders.order(orderId, "express", "DE") + "]";
                HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json; charset=" + charset)
                        .header("X-API-Key", Clients.INTAKE_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(charset + " on " + path).isEqualTo(415);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonPath problem = JsonPath.from(refused.body());
                assertThat(problem.getString("type")).isEqualTo("urn:junction:problem:unsupported-charset");
                assertThat(problem.getString("detail")).contains("UTF-8");
                assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
            }
        }

        assertOnlyThisOrderIsPublishedAfter(mark, orderId);
        assertThat(Metrics.sum("junction_dead_letters_recorded_total")).isEqualTo(deadLettered);
    }

    @Test
    void mediaTypesAreMatchedAsMediaTypes() throws Exception {
        // Case-insensitive, as HTTP says: taken as JSON
        raw("APPLICATION/JSON").body(Orders.order(Orders.newId(), "express", "DE")).when().post(ORDERS)
                .then().statusCode(202);
        // A parameter that mentions xml does not make it XML
        raw("application/json; foo=xml").body(Orders.order(Orders.newId(), "express", "DE")).when().post(ORDERS)
                .then().statusCode(202);
        // Every refusal is a problem document
        raw("text/plain").body("hello").when().post(ORDERS)
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:junction:problem:unsupported-media-type"))
                .body("detail", containsString("text/plain"));
    }

    @Test
    void unknownPathsAndMethodsAnswerProblemDocuments() {
        Clients.intake().when().get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:junction:problem:not-found"));
        Clients.intake().when().delete(ORDERS)
                .then().statusCode(405).contentType("application/problem+json")
                .body("type", equalTo("urn:junction:problem:method-not-allowed"));
    }

    @Test
    void tooDeepJsonIsExplainedWithoutJacksonInternals() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        Clients.intake().contentType(ContentType.JSON).body(deep).when().post(ORDERS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString("nested too deeply"))
                .body("errors[0].message", not(containsString("StreamReadConstraints")));
    }

    @Test
    void bulkReplayRefusesUnknownFilterKeysAndWrongTypes() {
        double replayed = Metrics.sum("junction_dead_letters_replayed_total");
        for (String request : List.of("{\"filter\":{\"routee\":\"x\"}}", "{\"filter\":{\"sql\":\"1=1\"}}",
                "{\"filters\":{}}", "{\"ids\":[1,2]}", "{\"filter\":{\"route\":5}}",
                "{\"force\":\"yes\",\"ids\":[]}")) {
            DeadLetters.operator().contentType(ContentType.JSON).body(request)
                    .when().post(DeadLetters.PATH + "/replay")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        DeadLetters.operator().contentType(ContentType.JSON).body("{\"filter\":{\"routee\":\"x\"}}")
                .when().post(DeadLetters.PATH + "/replay")
                .then().body("detail", equalTo("Unknown field \"routee\" in filter; the fields are route, status,"
                        + " exception, from, to, correlationId, key"));
        DeadLetters.operator().contentType(ContentType.JSON).body("{\"reason\":5}")
                .when().post(DeadLetters.PATH + "/no-such-id/discard")
                .then().statusCode(400).body("detail", equalTo("reason must be a string, not 5"));

        assertThat(Metrics.sum("junction_dead_letters_replayed_total")).isEqualTo(replayed);
    }

    private static void refusedAsJson(String path, String body, String why) {
        Clients.intake().contentType(ContentType.JSON).body(body).when().post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString(why));
    }

    /** A request whose Content-Type goes out exactly as given (RestAssured would add or fix a charset). */
    private static RequestSpecification raw(String contentType) {
        return Clients.intake().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                .encodeContentTypeAs(contentType, ContentType.TEXT))).contentType(contentType);
    }

    /**
     * After the refusals, the same order posted properly is taken; and it is the only record of it on any topic:
     * nothing of the refused requests was published or dead-lettered.
     */
    private void assertOnlyThisOrderIsPublishedAfter(Map<TopicPartition, Long> mark, String orderId) {
        Clients.intake().contentType(ContentType.JSON).body(Orders.order(orderId, "express", "DE"))
                .when().post(ORDERS).then().statusCode(202).body("orderId", equalTo(orderId));
        topics.awaitRecordWithKey(mark, orderId);
        assertThat(topics.readSince(mark)).extracting(ConsumerRecord::key).containsExactly(orderId);
    }
}
