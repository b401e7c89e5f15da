package dev.junction.samples.intake;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static dev.junction.testing.KafkaTopics.orderLanes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junction.testing.CapturedLogs;
import dev.junction.testing.Clients;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * Hostile input against the real intake: XML with external entities, entity expansion bombs, JSON nested too
 * deep, and SQL in field values. Each is refused with a 400 problem, or (SQL) stored exactly as sent.
 */
@QuarkusTest
class SafeInputTest {

    private static final String ORDERS = "/api/v1/orders";

    @Inject
    KafkaTopics topics;

    @Inject
    ObjectMapper mapper;

    @Inject
    Rows rows;

    @Test
    void anXmlOrderIsAcceptedAndPublishedAsTheSameJson() throws Exception {
        Map<TopicPartition, Long> mark = topics.mark(orderLanes());
        String orderId = Orders.newId();
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <order>
                  <orderId>%s</orderId><customerId>c-1</customerId><currency>EUR</currency>
                  <shipping><method>express</method><country>DE</country></shipping>
                  <lines>
                    <line><sku>SKU-1</sku><quantity>2</quantity><unitPrice>9.99</unitPrice></line>
                    <line><sku>SKU-2</sku><quantity>1</quantity><unitPrice>120.10</unitPrice></line>
                  </lines>
                </order>""".formatted(orderId);

        Clients.intake().contentType(ContentType.XML).body(xml).when().post(ORDERS)
                .then().statusCode(202).body("orderId", equalTo(orderId)).body("topic", equalTo(EXPRESS));

        ConsumerRecord<String, String> record = topics.awaitRecordWithKey(mark, orderId);
        assertThat(mapper.readTree(record.value()))
                .isEqualTo(mapper.readTree(Orders.order(orderId, "express", "DE")));
    }

    @Test
    void anXmlOrderThatBreaksTheSchemaGetsTheSameFieldProblems() {
        String xml = "<order><orderId>o-x1</orderId><currency>EUR</currency>"
                + "<shipping><method>express</method><country>DE</country></shipping>"
                + "<lines><line><sku>SKU-1</sku><quantity>-1</quantity><unitPrice>9.99</unitPrice></line></lines>"
                + "</order>";
        Clients.intake().contentType(ContentType.XML).body(xml).when().post(ORDERS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("/customerId", "/lines/0/quantity"));
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileItNamesAppearsNowhere(@TempDir Path dir) throws Exception {
        String canary = "xxe-canary-" + UUID.randomUUID();
        Path secret = Files.writeString(dir.resolve("secret.txt"), canary);
        Map<TopicPartition, Long> mark = topics.mark(orderLanes());
        String orderId = Orders.newId();
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE order [ <!ENTITY leak SYSTEM "%s"> ]>
                <order>
                  <orderId>%s</orderId><customerId>&leak;</customerId><currency>EUR</currency>
                  <shipping><method>express</method><country>DE</country></shipping>
                  <lines><line><sku>SKU-1</sku><quantity>1</quantity><unitPrice>1</unitPrice></line></lines>
                </order>""".formatted(secret.toUri(), orderId);

        String answer;
        try (CapturedLogs logs = CapturedLogs.start("dev.junction", "org.apache.camel")) {
            answer = Clients.intake().contentType(ContentType.XML).header("X-Correlation-ID", "xxe-" + orderId)
                    .body(xxe).when().post(ORDERS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("title", equalTo("The order is not acceptable XML")).extract().asString();
            assertThat(logs.lines()).noneMatch(line -> line.formatted().contains(canary));
        }
        assertThat(answer).doesNotContain(canary);
        assertThat(topics.readSince(mark)).noneMatch(r -> r.value().contains(canary) || orderId.equals(r.key()));
        // Refused, not dead-lettered: no letter of this request at all (bodies are encrypted, so it is found by its
        // correlation id, not by the canary).
        assertThat(rows.count("SELECT COUNT(*) FROM dead_letter WHERE correlation_id = ?", "xxe-" + orderId)).isZero();
    }

    @Test
    void anEntityExpansionBombIsRefused() {
        StringBuilder entities = new StringBuilder("<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY a%d \"&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;\">"
                    .formatted(i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1));
        }
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE order [" + entities + "]><order><customerId>&a9;</customerId>"
                + "</order>";
        Clients.intake().contentType(ContentType.XML).body(bomb).when().post(ORDERS)
                .then().statusCode(400).contentType("application/problem+json");
        Clients.intake().contentType(ContentType.XML).body("<order><orderId>o-1</order>").when().post(ORDERS)
                .then().statusCode(400);
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsA400() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        Clients.intake().contentType(ContentType.JSON).body(deep).when().post(ORDERS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("The request body is not valid JSON"));
    }

    @Test
    void sqlInFieldValuesIsStoredVerbatim() {
        String orderId = Orders.newId();
        String customer = "x'); DROP TABLE fulfilment_order; --";
        String sku = "SKU' OR '1'='1";
        String order = """
                {"orderId":"%s","customerId":"%s","currency":"EUR",\
                "shipping":{"method":"standard","country":"DE"},\
                "lines":[{"sku":"%s","quantity":1,"unitPrice":10.00}]}""".formatted(orderId, customer, sku);

        Clients.intake().contentType(ContentType.JSON).body(order).when().post(ORDERS).then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count(
                "SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", orderId) == 1);
        List<Map<String, Object>> stored = rows.query("SELECT o.status, o.customer_id, l.sku FROM fulfilment_order o"
                + " JOIN fulfilment_order_line l ON l.order_id = o.order_id WHERE o.order_id = ?", orderId);
        assertThat(stored).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("FULFILLED");
            assertThat(row.get("customer_id")).isEqualTo(customer);
            assertThat(row.get("sku")).isEqualTo(sku);
        });
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order")).isPositive();
    }
}
