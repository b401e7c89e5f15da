package dev.junction.runtime.deadletter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.junction.testing.DeadLetters.PATH;
import static dev.junction.testing.DeadLetters.operator;
import static dev.junction.testing.KafkaTopics.FULFILLED;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.junction.testing.DeadLetters;
import dev.junction.testing.Inventory;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.PropertiesProfile;
import dev.junction.testing.Rows;

/**
 * The dead-letter store under load and under failure: a thousand dead letters replayed by one job, and a store
 * outage while messages are being dead-lettered. Without redeliveries, so that a thousand orders fail fast.
 */
@QuarkusTest
@TestProfile(DeadLetterResilienceTest.NoRedeliveries.class)
class DeadLetterResilienceTest {

    /** Its settings: profiles/DeadLetterResilienceTest.NoRedeliveries.properties. */
    public static class NoRedeliveries extends PropertiesProfile {
    }

    static final int BULK = 1000;
    static final int DISCARDED = 10;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "junction.dead-letter.journal.dir")
    Path journal;

    @Test
    void aThousandDeadLettersAreReplayedByOneJobAndTheCountsAddUp() {
        Rows rows = new Rows(dataSource);
        Inventory inventory = Inventory.ofApplication();
        String sku = Orders.newSku();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String from = OffsetDateTime.now().minusSeconds(1).toString();
        inventory.answer(sku, aResponse().withStatus(503));
        Map<String, Double> before = metrics();

        List<ProducerRecord<String, String>> orders = new ArrayList<>();
        for (int i = 0; i < BULK; i++) {
            String orderId = "bulk-" + run + "-" + i;
            orders.add(new ProducerRecord<>(STANDARD, orderId, Orders.withSkus(orderId, sku)));
        }
        try (KafkaTopics topics = KafkaTopics.ofApplication()) {
            topics.sendAll(orders);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> total("status", "PENDING", "from", from, "exception", "InventoryUnavailable") == BULK);

            List<String> toDiscard = operator().queryParam("from", from).queryParam("exception", "InventoryUnavailable")
                    .queryParam("limit", DISCARDED).when().get(PATH).then().statusCode(200).extract().jsonPath()
                    .getList("items.id");
            for (String id : toDiscard) {
                operator().body(Map.of("reason", "not wanted any more")).when().post(PATH + "/" + id + "/discard")
                        .then().statusCode(200);
            }
            inventory.answer(sku, aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"reservationId\":\"R-bulk\"}"));
            Map<TopicPartition, Long> mark = topics.mark(FULFILLED);

            // As a replay job: a thousand replays take longer than an HTTP request should be held open.
            String job = operator()
                    .body(Map.of("filter", Map.of("route", "fulfil-order", "from", from,
                            "exception", "InventoryUnavailable")))
                    .when().post("/api/ops/replay-jobs").then().statusCode(202).extract().path("id");
            JsonPath replay = await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> operator().queryParam("limit", 1).when().get("/api/ops/replay-jobs/" + job)
                            .then().statusCode(200).extract().jsonPath(),
                            progress -> !List.of("QUEUED", "RUNNING").contains(progress.getString("status")));

            assertThat(replay.getString("status")).isEqualTo("DONE");
            assertThat(replay.getInt("total")).isEqualTo(BULK - DISCARDED);
            assertThat(replay.getInt("replayed")).isEqualTo(BULK - DISCARDED);
            assertThat(replay.getInt("replayFailed")).isZero();
            assertThat(replay.getInt("refused")).isZero();
            List<ConsumerRecord<String, String>> events = topics.readSince(mark);
            assertThat(events).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                    .hasSize(BULK - DISCARDED).allMatch(key -> key.startsWith("bulk-" + run));
        }
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id LIKE ?", "bulk-" + run + "%"))
                .isEqualTo(BULK - DISCARDED);
        assertThat(total("status", "REPLAYED", "from", from, "exception", "InventoryUnavailable"))
                .isEqualTo(BULK - DISCARDED);
        assertThat(total("status", "DISCARDED", "from", from, "exception", "InventoryUnavailable"))
                .isEqualTo(DISCARDED);
        assertThat(total("status", "PENDING,REPLAY_FAILED,REPLAYING", "from", from, "exception",
                "InventoryUnavailable")).isZero();

        // recorded = replayed + discarded + pending, in the metrics too.
        Map<String, Double> after = metrics();
        double recorded = delta(before, after, "junction_dead_letters_recorded_total");
        assertThat(recorded).isEqualTo(BULK);
        assertThat(delta(before, after, "junction_dead_letters_replayed_total")
                + delta(before, after, "junction_dead_letters_discarded_total")
                + delta(before, after, "junction_dead_letters_pending")).isEqualTo(recorded);
        // A second replay by the same filter finds nothing left to do.
        operator().body(Map.of("filter", Map.of("route", "fulfil-order", "from", from)))
                .when().post(PATH + "/replay").then().statusCode(200).body("requested", equalTo(0));
    }

    @Test
    void aStoreOutageWhileDeadLetteringLosesNothing() {
        Rows rows = new Rows(dataSource);
        DeadLetters deadLetters = new DeadLetters(rows);
        String key = "poison-" + Orders.newId();
        String orderId = Orders.newId();
        double journaledBefore = metrics().getOrDefault("junction_dead_letters_journaled_total", 0.0);

        rows.execute("ALTER TABLE dead_letter RENAME TO dead_letter_offline");
        try (KafkaTopics topics = KafkaTopics.ofApplication()) {
            Map<TopicPartition, Long> mark = topics.mark(FULFILLED);
            topics.send(STANDARD, 0, key, "{\"orderId\": broken");
            topics.send(STANDARD, 0, orderId, Orders.withSkus(orderId, Orders.newSku()));

            // Kept in the journal, said so in the metrics, and the partition moved on.
            await().atMost(Duration.ofSeconds(30)).until(() -> journalEntriesMentioning(key).size() == 1);
            assertThat(metrics().get("junction_dead_letters_journaled_total")).isEqualTo(journaledBefore + 1);
            assertThat(topics.awaitRecordWithKey(mark, orderId).topic()).isEqualTo(FULFILLED);
        } finally {
            rows.execute("ALTER TABLE dead_letter_offline RENAME TO dead_letter");
        }

        // Once the store answers, the journal empties into it.
        JsonPath dead = deadLetters.get(deadLetters.awaitForKey(key));
        assertThat(dead.getString("status")).isEqualTo("PENDING");
        assertThat(dead.getString("body")).isEqualTo("{\"orderId\": broken");
        assertThat(dead.getString("exception.class")).isEqualTo("dev.junction.runtime.json.JsonValidationException");
        await().atMost(Duration.ofSeconds(10)).until(() -> journalEntriesMentioning(key).isEmpty());
    }

    @Test
    void aDeadLetterThatNeitherStoreNorJournalTakeIsNotAcknowledgedButComesBack() throws IOException {
        Rows rows = new Rows(dataSource);
        DeadLetters deadLetters = new DeadLetters(rows);
        String key = "poison-" + Orders.newId();
        String orderId = Orders.newId();
        Path journalAway = journal.resolveSibling(journal.getFileName() + "-away");

        rows.execute("ALTER TABLE dead_letter RENAME TO dead_letter_offline");
        // A plain file where the journal directory should be: the journal cannot write either.
        if (Files.exists(journal)) {
            Files.move(journal, journalAway);
        }
        Files.writeString(journal, "not a directory");
        try (KafkaTopics topics = KafkaTopics.ofApplication()) {
            Map<TopicPartition, Long> mark = topics.mark(FULFILLED);
            topics.send(STANDARD, 1, key, "{\"orderId\": lost?");
            topics.send(STANDARD, 1, orderId, Orders.withSkus(orderId, Orders.newSku()));

            // The partition holds at the record that could not be kept: the order behind it waits.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> topics.countSince(mark) == 0);
        } finally {
            Files.delete(journal);
            if (Files.exists(journalAway)) {
                Files.move(journalAway, journal);
            }
            rows.execute("ALTER TABLE dead_letter_offline RENAME TO dead_letter");
        }

        // Consumed again once the store is back: kept now, and the partition moves on.
        assertThat(deadLetters.get(deadLetters.awaitForKey(key)).getString("body")).isEqualTo("{\"orderId\": lost?");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", orderId) == 1);
        assertThat(rows.count("SELECT COUNT(*) FROM dead_letter WHERE message_key = ?", key)).isOne();
    }

    private List<Path> journalEntriesMentioning(String text) {
        if (!Files.isDirectory(journal)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(f -> f.toString().endsWith(".json")).filter(f -> {
                try {
                    return Files.readString(f).contains(text);
                } catch (IOException e) {
                    return false; // moved into the store meanwhile
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long total(String... params) {
        var request = operator().queryParam("route", "fulfil-order").queryParam("limit", 1);
        for (int i = 0; i < params.length; i += 2) {
            request.queryParam(params[i], params[i + 1]);
        }
        return request.when().get(PATH).then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private static Map<String, Double> metrics() {
        return DeadLetters.metrics("fulfil-order");
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }
}
