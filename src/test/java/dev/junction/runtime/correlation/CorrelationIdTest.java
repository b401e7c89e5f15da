package dev.junction.runtime.correlation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.junction.testing.DeadLetters.PATH;
import static dev.junction.testing.DeadLetters.operator;
import static dev.junction.testing.KafkaTopics.FULFILLED;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static dev.junction.testing.KafkaTopics.orderLanes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.LambdaRouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import dev.junction.testing.AddedRoute;
import dev.junction.testing.CapturedLogs;
import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.Inventory;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * Correlation ids end to end, through real interfaces: an HTTP request to intake, the lane record on a real Kafka
 * broker, fulfilment's reservation calls to a real HTTP server (WireMock), its outcome record, the dead-letter store
 * in a real PostgreSQL and the operations API, and the log lines Junction writes on the way (captured as the
 * logging system hands them over, with their MDC).
 */
@QuarkusTest
class CorrelationIdTest {

    static final String HEADER = "X-Correlation-ID";
    static final String MDC_KEY = "correlationId";
    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /**
     * The loggers of the log steps in routes/order-intake.yaml ("order-intake.yaml:<line>"): accept-order logs each
     * order at DEBUG.
     */
    static final String INTAKE_LOGGER = "order-intake";

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KafkaTopics topics;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Rows rows;

    @Inject
    Inventory inventory;

    @Inject
    DeadLetters deadLetters;

    @Test
    void theCallersIdIsAnsweredAndFollowsTheOrderThroughEveryHopAndLogLine() {
        String id = "test-corr-" + UUID.randomUUID();
        String orderId = Orders.newId();
        String sku = Orders.newSku();
        Map<TopicPartition, Long> lanes = topics.mark(orderLanes());
        Map<TopicPartition, Long> outcomes = topics.mark(FULFILLED);

        try (CapturedLogs logs = CapturedLogs.start(INTAKE_LOGGER)) {
            Response response = postOrder(id, Orders.withSkus(orderId, sku));
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.header(HEADER)).isEqualTo(id);

            assertThat(header(topics.awaitRecordWithKey(lanes, orderId), HEADER)).isEqualTo(id);
            assertThat(header(topics.awaitRecordWithKey(outcomes, orderId), HEADER)).isEqualTo(id);
            // A reservation slower than the response timeout is retried (same Idempotency-Key): each carries the id.
            assertThat(inventory.requestsFor(sku)).isNotEmpty().allSatisfy(request -> {
                assertThat(request.getHeader(HEADER)).isEqualTo(id);
                assertThat(request.getHeader("Idempotency-Key")).isEqualTo(orderId + "/1");
            });
            assertThat(logs.mentioning(orderId)).extracting(CapturedLogs.Line::logger)
                    .anyMatch(logger -> logger.startsWith("order-intake.yaml:"))
                    .anyMatch(logger -> logger.startsWith("order-fulfilment.yaml:"));
            assertEveryLineOf(logs, orderId, id);
        }
    }

    @Test
    void anOrderWithoutAnIdGetsANewOneThatIsTheSameOnEveryHop() {
        String orderId = Orders.newId();
        String sku = Orders.newSku();
        Map<TopicPartition, Long> lanes = topics.mark(orderLanes());
        Map<TopicPartition, Long> outcomes = topics.mark(FULFILLED);

        try (CapturedLogs logs = CapturedLogs.start(INTAKE_LOGGER)) {
            String id = Clients.intake().contentType(ContentType.JSON).body(Orders.withSkus(orderId, sku))
                    .when().post("/api/v1/orders").then().statusCode(202).extract().header(HEADER);

            assertThat(id).matches(UUID_PATTERN);
            assertThat(header(topics.awaitRecordWithKey(lanes, orderId), HEADER)).isEqualTo(id);
            assertThat(header(topics.awaitRecordWithKey(outcomes, orderId), HEADER)).isEqualTo(id);
            assertThat(inventory.requestsFor(sku)).extracting(request -> request.getHeader(HEADER)).containsOnly(id);
            assertEveryLineOf(logs, orderId, id);
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "has spaces", "semi;colon", "ümlaut", "{\"json\":1}", "" })
    void anUnusableIdIsReplacedByANewOne(String unusable) {
        String orderId = Orders.newId();
        Map<TopicPartition, Long> lanes = topics.mark(orderLanes());

        String id = postOrder(unusable, Orders.order(orderId, "standard", "DE")).then().statusCode(202)
                .extract().header(HEADER);

        assertThat(id).matches(UUID_PATTERN);
        assertThat(header(topics.awaitRecordWithKey(lanes, orderId), HEADER)).isEqualTo(id);
    }

    @Test
    void anIdLongerThan128CharactersIsReplaced() {
        String tooLong = "a".repeat(129);
        assertThat(postOrder(tooLong, Orders.order(Orders.newId(), "express", "DE")).header(HEADER))
                .matches(UUID_PATTERN);
        String longest = "a".repeat(128);
        assertThat(postOrder(longest, Orders.order(Orders.newId(), "express", "DE")).header(HEADER))
                .isEqualTo(longest);
    }

    @Test
    void problemAnswersCarryTheIdToo() {
        String id = "test-corr-" + UUID.randomUUID();
        Clients.intake().header(HEADER, id).contentType(ContentType.JSON).body("{\"orderId\":\"o-1\"}")
                .when().post("/api/v1/orders")
                .then().statusCode(400).contentType("application/problem+json").header(HEADER, id);
        Clients.intake().header(HEADER, id).contentType(ContentType.JSON).body("[]")
                .when().post("/api/v1/orders:unknown")
                .then().statusCode(404).header(HEADER, id);
        given().header(HEADER, id).when().get(PATH).then().statusCode(401).header(HEADER, id);
        given().header(HEADER, id).when().get("/no/such/path").then().statusCode(404).header(HEADER, id);
    }

    @Test
    void fulfilmentTakesTheIdOfARecordOrGivesItOne() {
        String withId = Orders.newId();
        String withoutId = Orders.newId();
        String id = "test-corr-" + UUID.randomUUID();
        Map<TopicPartition, Long> outcomes = topics.mark(FULFILLED);
        ProducerRecord<String, String> record = new ProducerRecord<>(STANDARD, withId,
                Orders.withSkus(withId, Orders.newSku()));
        record.headers().add(HEADER, id.getBytes(StandardCharsets.UTF_8));

        topics.sendAll(List.of(record, new ProducerRecord<>(STANDARD, withoutId,
                Orders.withSkus(withoutId, Orders.newSku()))));

        assertThat(header(topics.awaitRecordWithKey(outcomes, withId), HEADER)).isEqualTo(id);
        assertThat(header(topics.awaitRecordWithKey(outcomes, withoutId), HEADER)).matches(UUID_PATTERN);
    }

    @Test
    void aDeadLetterKeepsItsIdInTheStoreAndTheApiAndItsReplayKeepsItToo() {
        String id = "test-corr-" + UUID.randomUUID();
        String orderId = Orders.newId();
        String sku = Orders.newSku();
        inventory.answer(sku, aResponse().withStatus(503));

        String deadLetterId;
        try (CapturedLogs logs = CapturedLogs.start(INTAKE_LOGGER)) {
            postOrder(id, Orders.withSkus(orderId, sku)).then().statusCode(202);
            deadLetterId = deadLetters.awaitForKey(orderId);

            assertThat(rows.query("SELECT correlation_id FROM dead_letter WHERE id = ?", deadLetterId))
                    .containsExactly(Map.of("correlation_id", id));
            // Every attempt, its retries logged by the error handler and the dead letter recorded, under the id
            // (the recorder logs once the row is in).
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.mentioning(orderId))
                    .extracting(CapturedLogs.Line::logger)
                    .contains("org.apache.camel.processor.errorhandler.DeadLetterChannel",
                            "dev.junction.runtime.deadletter.DeadLetterRecorder"));
            assertEveryLineOf(logs, orderId, id);
        }
        JsonPath dead = deadLetters.get(deadLetterId);
        assertThat(dead.getString("correlationId")).isEqualTo(id);
        assertThat(operator().queryParam("correlationId", id).when().get(PATH).then().statusCode(200)
                .extract().jsonPath().getList("items.id")).containsExactly(deadLetterId);
        assertThat(inventory.requestsFor(sku)).extracting(request -> request.getHeader(HEADER)).containsOnly(id);

        // Fixed and replayed, the order goes on under the id it came with, though the operator's request has its own.
        inventory.answer(sku, Inventory.reserved("R-replayed"));
        Map<TopicPartition, Long> outcomes = topics.mark(FULFILLED);
        try (CapturedLogs logs = CapturedLogs.start()) {
            String operatorId = operator().header(HEADER, "test-operator-" + UUID.randomUUID())
                    .when().post(PATH + "/" + deadLetterId + "/replay")
                    .then().statusCode(200).body("outcome", equalTo("REPLAYED")).extract().header(HEADER);
            assertThat(operatorId).startsWith("test-operator-");
            assertEveryLineOf(logs, orderId, id);
        }
        assertThat(header(topics.awaitRecordWithKey(outcomes, orderId), HEADER)).isEqualTo(id);
        List<LoggedRequest> calls = inventory.requestsFor(sku);
        assertThat(calls.get(calls.size() - 1).getHeader(HEADER)).isEqualTo(id);
    }

    @Test
    void aNewRouteLogsTheIdOnEveryThreadItsExchangeRunsOn() throws Exception {
        // A route as a user would add it, nothing about correlation in it, whose exchange changes threads: a parallel
        // split (items on the split's thread pool), a circuit breaker (attempts on a copy of the exchange) and an
        // asynchronous redelivery (the retried step on the error handler's thread).
        // Camel DSL: the indentation shows the nesting of clauses and steps; kept as written.
        // @formatter:off
        LambdaRouteBuilder hopping = routes -> routes
                .from("platform-http:/test/correlation-hops?httpMethodRestrict=POST").routeId("test-correlation-hops")
                .description("Logs on the threads a split, a circuit breaker and a redelivery run on")
                .onException(IllegalStateException.class)
                    .maximumRedeliveries(2).redeliveryDelay(10).asyncDelayedRedelivery()
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                .end()
                .log("hops: entry")
                .split(routes.body().tokenize(",")).parallelProcessing()
                    .log("hops: item ${body}")
                    .circuitBreaker()
                        .log("hops: in circuit breaker ${body}")
                    .end()
                .end()
                .process(exchange -> {
                    int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
                    if (attempt < 2) {
                        throw new IllegalStateException("hops: flaky step, attempt " + attempt);
                    }
                })
                .log("hops: done")
                .setBody(routes.constant("ok"));
        // @formatter:on
        String id = "test-corr-" + UUID.randomUUID();
        try (AddedRoute route = AddedRoute.start(camel, "test-correlation-hops", hopping);
                CapturedLogs logs = CapturedLogs.start()) {
            given().header(HEADER, id).body("a,b,c").when().post("/test/correlation-hops")
                    .then().statusCode(200).header(HEADER, id);

            List<CapturedLogs.Line> hops = logs.mentioning("hops: ");
            assertThat(hops).extracting(CapturedLogs.Line::message).contains("hops: entry", "hops: item b",
                    "hops: in circuit breaker c", "hops: done");
            assertThat(hops).extracting(CapturedLogs.Line::message)
                    .anyMatch(message -> message.contains("flaky step, attempt 1"));
            assertThat(hops).allSatisfy(line -> assertThat(line.mdc(MDC_KEY)).as(line.toString()).isEqualTo(id));
            // It did change threads.
            String requestThread = hops.get(0).thread();
            assertThat(hops).filteredOn(line -> line.message().startsWith("hops: item"))
                    .extracting(CapturedLogs.Line::thread).doesNotContain(requestThread);
            assertThat(hops).filteredOn(line -> line.message().equals("hops: done"))
                    .extracting(CapturedLogs.Line::thread).doesNotContain(requestThread);
        }
    }

    @Test
    void aThreadGetsBackTheIdItHadOnceAnExchangeItRanIsDone() throws Exception {
        try (AddedRoute route = AddedRoute.start(camel, "test-correlation-nested", routes -> routes
                .from("direct:test-correlation-nested").routeId("test-correlation-nested")
                .description("Logs under the id of the exchange it is given")
                .log("nested: ${body}"));
                CapturedLogs logs = CapturedLogs.start()) {
            // As when an operator's request replays a dead letter: an exchange with an id of its own, run on a
            // thread that is working for another one.
            MDC.put(MDC_KEY, "test-outer");
            producer.sendBodyAndHeader("direct:test-correlation-nested", "inner", HEADER, "test-inner");
            assertThat(MDC.get(MDC_KEY)).isEqualTo("test-outer");

            MDC.remove(MDC_KEY);
            producer.sendBodyAndHeader("direct:test-correlation-nested", "alone", HEADER, "test-alone");
            assertThat(MDC.get(MDC_KEY)).isNull();

            assertThat(logs.mentioning("nested: ")).extracting(line -> line.mdc(MDC_KEY))
                    .containsExactly("test-inner", "test-alone");
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @Test
    void logLinesAreTextUnlessJsonIsSwitchedOn() {
        // quarkus-logging-json switches JSON on by itself; config/application.properties keeps it off until asked.
        assertThat(ConfigProvider.getConfig().getValue("quarkus.log.console.json.enabled", Boolean.class)).isFalse();
    }

    /**
     * The order's log lines (intake and fulfilment), each with the id in its MDC, in its console line and in its
     * JSON line, beside the route and exchange that wrote it.
     */
    private static void assertEveryLineOf(CapturedLogs logs, String orderId, String id) {
        List<CapturedLogs.Line> lines = logs.mentioning(orderId);
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.mdc(MDC_KEY)).as(line.toString()).isEqualTo(id);
            assertThat(line.formatted()).contains("[" + id + "]");
            JsonNode mdc = JSON.readTree(line.json()).path("mdc");
            assertThat(mdc.path(MDC_KEY).asText()).isEqualTo(id);
            assertThat(mdc.path("camel.routeId").asText()).as(line.toString()).isNotBlank();
            assertThat(mdc.path("camel.exchangeId").asText()).as(line.toString()).isNotBlank();
        });
    }

    private static Response postOrder(String id, String order) {
        return Clients.intake().header(HEADER, id).contentType(ContentType.JSON).body(order).when()
                .post("/api/v1/orders");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
