package dev.junction.tracing;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static dev.junction.testing.KafkaTopics.FULFILLED;
import static dev.junction.testing.KafkaTopics.INTERNATIONAL;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Unremovable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.Inventory;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.ProductionTelemetry;

/**
 * Tracing switched on as production would switch it on (quarkus.otel.sdk.disabled=false), with the spans kept in
 * memory instead of sent to a collector: one order is one trace, from the HTTP request through the Kafka record
 * (trace context in its headers) into fulfilment, its inventory call and its outcome record.
 */
@QuarkusTest
@TestProfile(ProductionTelemetry.class)
class TracingTest {

    /** Picked up by Quarkus' default span exporter setting (cdi): every SpanExporter bean. */
    @Singleton
    static class SpanCollector {

        @Produces
        @Singleton
        @Unremovable
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    private static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("component");
    private static final AttributeKey<String> OP = AttributeKey.stringKey("op");

    @Inject
    KafkaTopics topics;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void oneOrderIsOneTraceFromTheHttpRequestThroughKafkaIntoFulfilment() {
        Map<TopicPartition, Long> lanes = topics.mark(EXPRESS, STANDARD, INTERNATIONAL);
        Map<TopicPartition, Long> outcomes = topics.mark(FULFILLED);
        String orderId = Orders.newId();
        String sku = Orders.newSku();

        Clients.intake().contentType(ContentType.JSON).body(Orders.withSkus(orderId, sku))
                .when().post("/api/v1/orders").then().statusCode(202);

        String traceId = traceIdOf(header(topics.awaitRecordWithKey(lanes, orderId), "traceparent"));
        assertThat(traceIdOf(header(topics.awaitRecordWithKey(outcomes, orderId), "traceparent")))
                .isEqualTo(traceId);
        // A reservation slower than the test profile's 1 s response timeout (a busy machine) is retried, with the same
        // Idempotency-Key so the inventory applies it once: right, and part of the same trace.
        assertThat(Inventory.ofApplication().requestsFor(sku)).isNotEmpty().allSatisfy(request -> {
            assertThat(traceIdOf(request.getHeader("traceparent"))).isEqualTo(traceId);
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo(orderId + "/1");
        });
        // Camel 4.17's tracer (camel-opentelemetry2) marks every span INTERNAL (span kinds came in a later Camel), so
        // the hops are told apart by the component and direction it records on each span: the HTTP request received,
        // the order sent to and received from Kafka, the inventory called.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spansOf(traceId))
                .extracting(span -> span.getAttributes().get(COMPONENT) + " " + span.getAttributes().get(OP))
                .contains("camel-rest EVENT_RECEIVED", "camel-kafka EVENT_SENT", "camel-kafka EVENT_RECEIVED",
                        "camel-http EVENT_SENT"));
        // The dead-letter journal's timer ticks twice a second here; its empty runs are no traces of their own.
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).doesNotContain("timer");
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** W3C trace context: version-traceid-parentid-flags. */
    private static String traceIdOf(String traceparent) {
        assertThat(traceparent).as("traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
