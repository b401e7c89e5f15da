package dev.junction.samples.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Inventory;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Metrics;
import dev.junction.testing.Rows;

/**
 * routes/inventory-sync.yaml against real services: changed rows in PostgreSQL, batches to a real HTTP bulk endpoint
 * (WireMock) and a real Kafka topic. Runs are started the way the schedule starts them, with a tick time.
 */
@QuarkusTest
class InventorySyncTest {

    static final String TOPIC = "inventory.changes";
    static final String JOB = "inventory-sync";
    static final String CORRELATION_ID = "X-Correlation-ID";
    /** Tick times only ever move forward, like a schedule's. */
    static final AtomicLong TICKS = new AtomicLong(System.currentTimeMillis());

    @Inject
    KafkaTopics topics;

    @Inject
    ProducerTemplate producer;

    @Inject
    ObjectMapper mapper;

    @Inject
    Rows rows;

    @Inject
    Inventory inventory;

    @BeforeEach
    void catchUp() {
        topics.ensureExist(TOPIC);
        inventory.answerBulk(aResponse().withStatus(200));
        run(nextTick());
    }

    @Test
    void everyChangedRowIsDeliveredOnceInBatchesAndAfterwardsOnlyWhatChanged() throws Exception {
        List<String> skus = insertChanges(25);
        int acceptedBefore = inventory.acceptedBulkRequests().size();
        Map<TopicPartition, Long> mark = topics.mark(TOPIC);
        long rowsBefore = checkpoint().get("rows_delivered");

        run(nextTick());

        List<LoggedRequest> batches = acceptedSince(acceptedBefore);
        assertThat(batches).extracting(request -> items(request).size()).containsExactly(10, 10, 5);
        assertThat(batches.stream().flatMap(request -> items(request).stream()).toList())
                .containsExactlyElementsOf(skus);
        for (LoggedRequest batch : batches) {
            assertThat(batch.getHeader("Idempotency-Key")).isEqualTo(json(batch).path("batchId").asText())
                    .startsWith(JOB + "-");
        }
        List<ConsumerRecord<String, String>> records = topics.readSince(mark);
        // The same batches on the topic (partitions by batch id, so in any order).
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(
                batches.stream().map(b -> b.getHeader("Idempotency-Key")).toList());
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(batches.stream().map(LoggedRequest::getBodyAsString).toList());
        // One run, one correlation id, on every batch it sent over HTTP and to the topic.
        String runId = batches.get(0).getHeader(CORRELATION_ID);
        assertThat(runId).isNotBlank();
        assertThat(batches).extracting(batch -> batch.getHeader(CORRELATION_ID)).containsOnly(runId);
        assertThat(records).extracting(record -> new String(record.headers().lastHeader(CORRELATION_ID).value(),
                StandardCharsets.UTF_8)).containsOnly(runId);
        Map<String, Long> checkpoint = checkpoint();
        assertThat(checkpoint.get("rows_delivered") - rowsBefore).isEqualTo(25);
        assertThat(rows.query("SELECT last_key FROM sync_checkpoint WHERE job = ?", JOB))
                .containsExactly(Map.of("last_key", skus.get(24)));

        // Three of them change again: the next run sends exactly those, and a run after it nothing.
        OffsetDateTime later = OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);
        for (int i = 0; i < 3; i++) {
            rows.update("UPDATE inventory_item SET quantity = 99, updated_at = ? WHERE sku = ?",
                    later.plusNanos(i * 1000L), skus.get(i * 5));
        }
        run(nextTick());
        run(nextTick());
        List<LoggedRequest> afterwards = acceptedSince(acceptedBefore + 3);
        assertThat(afterwards).singleElement().satisfies(batch -> assertThat(items(batch))
                .containsExactly(skus.get(0), skus.get(5), skus.get(10)));
        assertThat(json(afterwards.get(0)).path("items").get(0).path("quantity").asInt()).isEqualTo(99);
        assertThat(afterwards.get(0).getHeader(CORRELATION_ID)).isNotBlank().isNotEqualTo(runId);
    }

    @Test
    void aBatchTheTargetRefusesStopsTheRunAtItsCheckpointAndTheNextRunResumesWithoutDuplicates() {
        List<String> skus = insertChanges(25);
        int acceptedBefore = inventory.acceptedBulkRequests().size();
        double failedRunsBefore = metric("junction_sync_failed_runs_total");
        // The first batch is taken; then the target fails until it is fixed.
        inventory.answerBulk(aResponse().withStatus(200), aResponse().withStatus(503));

        run(nextTick());

        assertThat(acceptedSince(acceptedBefore)).hasSize(1);
        assertThat(rows.query("SELECT last_key FROM sync_checkpoint WHERE job = ?", JOB))
                .containsExactly(Map.of("last_key", skus.get(9)));
        assertThat(metric("junction_sync_failed_runs_total")).isEqualTo(failedRunsBefore + 1);

        inventory.answerBulk(aResponse().withStatus(200));
        run(nextTick());

        List<LoggedRequest> taken = acceptedSince(acceptedBefore);
        assertThat(taken).hasSize(3);
        assertThat(taken.stream().flatMap(request -> items(request).stream()).toList())
                .containsExactlyElementsOf(skus);
    }

    @Test
    void batchesSentAgainAfterACrashBeforeTheCheckpointMovedCarryTheSameBatchIds() {
        insertChanges(25);
        Map<String, Object> saved = rows.query("SELECT last_updated_at, last_key FROM sync_checkpoint WHERE job = ?",
                JOB).get(0);
        int acceptedBefore = inventory.acceptedBulkRequests().size();
        run(nextTick());
        List<String> delivered = acceptedSince(acceptedBefore).stream().map(r -> r.getHeader("Idempotency-Key"))
                .toList();

        // The replica died after the targets took the batches but before the checkpoint moved past them.
        rows.update("UPDATE sync_checkpoint SET last_updated_at = ?, last_key = ? WHERE job = ?",
                saved.get("last_updated_at"), saved.get("last_key"), JOB);
        run(nextTick());

        List<String> again = acceptedSince(acceptedBefore + delivered.size()).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(delivered).hasSize(3);
        assertThat(again).as("a target that remembers batch ids takes each once").isEqualTo(delivered);
    }

    @Test
    void aTickIsRunOnceHoweverManyReplicasFireIt() throws Exception {
        insertChanges(5);
        int acceptedBefore = inventory.acceptedBulkRequests().size();
        Date tick = nextTick();

        run(tick);
        run(tick); // a second replica, firing the same scheduled time

        assertThat(acceptedSince(acceptedBefore)).hasSize(1);
    }

    /** One run, as the schedule starts it; it must end within a minute. */
    private void run(Date tick) {
        try {
            producer.asyncSend("direct:inventory-sync",
                    exchange -> exchange.getMessage().setHeader("scheduledFireTime", tick)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("The sync run did not end", e);
        }
    }

    private static Date nextTick() {
        return new Date(TICKS.addAndGet(1000));
    }

    /** Rows changed after everything there is: their updated_at is ahead of the checkpoint. */
    private List<String> insertChanges(int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime base = OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sku = String.format("SYNC-%s-%02d", run, i);
            skus.add(sku);
            rows.update("INSERT INTO inventory_item (sku, warehouse, quantity, updated_at) VALUES (?, ?, ?, ?)",
                    sku, "W1", i, base.plusNanos(i * 1000L));
        }
        return skus;
    }

    private List<LoggedRequest> acceptedSince(int before) {
        List<LoggedRequest> all = inventory.acceptedBulkRequests();
        return all.subList(before, all.size());
    }

    private JsonNode json(LoggedRequest request) {
        try {
            return mapper.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> items(LoggedRequest request) {
        List<String> skus = new ArrayList<>();
        json(request).path("items").forEach(item -> skus.add(item.path("sku").asText()));
        return skus;
    }

    private Map<String, Long> checkpoint() {
        Map<String, Object> row = rows.query("SELECT rows_delivered, batches_delivered FROM sync_checkpoint"
                + " WHERE job = ?", JOB).get(0);
        return Map.of("rows_delivered", ((Number) row.get("rows_delivered")).longValue(), "batches_delivered",
                ((Number) row.get("batches_delivered")).longValue());
    }

    private static double metric(String name) {
        return Metrics.sum(name, "job=\"" + JOB + "\"");
    }
}
