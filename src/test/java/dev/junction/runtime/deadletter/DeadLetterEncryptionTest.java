package dev.junction.runtime.deadletter;

import static dev.junction.testing.DeadLetters.PATH;
import static dev.junction.testing.DeadLetters.operator;
import static dev.junction.testing.KafkaTopics.FULFILLED;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.junction.testing.CapturedLogs;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.FailingOrders;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * Dead letters at rest: what the database row and the journal file hold of a real failed order (ciphertext and a key
 * id; the order id only in message_key), what the API shows (the message, decrypted), that replay still works, that
 * rows of a retired key and rows from before encryption stay readable, that an altered row fails clearly, that the
 * log never carries the customer's data, and the retention purge.
 */
@QuarkusTest
class DeadLetterEncryptionTest {

    @Inject
    KafkaTopics topics;

    @ConfigProperty(name = "junction.dead-letter.journal.dir")
    Path journal;

    @Inject
    Rows rows;

    @Inject
    DeadLetters deadLetters;

    @Inject
    FailingOrders failingOrders;

    @Test
    void aFailedOrderIsStoredEncryptedShownDecryptedAndReplayed() {
        String orderId = Orders.newId();
        String sku = Orders.newSku();
        Customer customer = Customer.random();
        String id;
        try (CapturedLogs logs = CapturedLogs.start("dev.junction")) {
            id = failingOrders.deadLetter(orderId, sku, customer.order(orderId, sku));
            String deadLetterId = id;
            await().atMost(Duration.ofSeconds(10)).until(() -> !logs.mentioning(deadLetterId).isEmpty());

            assertThat(logs.lines()).as("log lines while the order failed and was dead-lettered")
                    .allSatisfy(line -> assertThat(line.formatted()).doesNotContain(customer.secrets()));
        }

        Map<String, Object> row = rows.query("SELECT body, headers, key_id, message_key FROM dead_letter WHERE id = ?",
                id).get(0);
        assertThat(new String((byte[]) row.get("body"), StandardCharsets.ISO_8859_1)).as("body column")
                .doesNotContain(customer.secrets()).doesNotContain(sku, orderId, "orderId");
        assertThat((String) row.get("headers")).as("headers column").doesNotContain(orderId, "kafka.KEY");
        assertThat(row.get("key_id")).isEqualTo("dev-published");
        assertThat(row.get("message_key")).as("the searchable key").isEqualTo(orderId);

        JsonPath shown = deadLetters.get(id);
        assertThat(shown.getString("body")).contains(customer.id(), customer.name(), sku, orderId);
        assertThat(shown.getString("headers.'kafka.KEY'")).isEqualTo(orderId);
        assertThat(shown.getString("key")).isEqualTo(orderId);
        assertThat(operator().queryParam("key", orderId).when().get(PATH).then().statusCode(200).extract()
                .jsonPath().getList("items.id")).containsExactly(id);

        failingOrders.fix(sku, "R-" + UUID.randomUUID());
        Map<TopicPartition, Long> mark = topics.mark(FULFILLED);
        operator().when().post(PATH + "/" + id + "/replay").then().statusCode(200)
                .body("outcome", equalTo("REPLAYED"));
        assertThat(topics.awaitRecordWithKey(mark, orderId).value()).contains(orderId);
    }

    @Test
    void aJournalEntryIsEncryptedTooAndMovesIntoTheStoreReadable() {
        String key = "poison-" + Orders.newId();
        Customer customer = Customer.random();
        // Breaks the order schema (no orderId, currency, shipping, lines): dead-lettered at once. (Not JSON at all
        // would do too, but the parser's message quotes a token of the input into the exception message.)
        String poison = "{\"customerId\": \"" + customer.id() + "\", \"customerName\": \"" + customer.name()
                + "\", \"street\": \"" + customer.street() + "\"}";

        rows.execute("ALTER TABLE dead_letter RENAME TO dead_letter_offline");
        try {
            topics.send(STANDARD, 0, key, poison);
            await().atMost(Duration.ofSeconds(30)).until(() -> journalEntries(key).size() == 1);
            String entry = read(journalEntries(key).get(0));
            assertThat(entry).as("journal entry").doesNotContain(customer.secrets()).doesNotContain("customerName")
                    .contains("\"keyId\":\"dev-published\"").contains("\"messageKey\":\"" + key + "\"");
        } finally {
            rows.execute("ALTER TABLE dead_letter_offline RENAME TO dead_letter");
        }

        JsonPath shown = deadLetters.get(deadLetters.awaitForKey(key));
        assertThat(shown.getString("body")).isEqualTo(poison);
        assertThat(rows.query("SELECT key_id FROM dead_letter WHERE message_key = ?", key).get(0).get("key_id"))
                .isEqualTo("dev-published");
    }

    @Test
    void rowsOfARetiredKeyAndFromBeforeEncryptionStayReadableAndAnAlteredOneFailsClearly() {
        // Written while test-retired was the key new dead letters got; the configuration has moved on to
        // dev-published and keeps test-retired to read.
        DeadLetterCrypto retired = new DeadLetterCrypto("test-retired", keyId -> ConfigProvider.getConfig()
                .getOptionalValue(DeadLetterCrypto.KEYS + keyId, String.class));
        String route = "test-encryption-" + UUID.randomUUID().toString().substring(0, 8);
        String old = UUID.randomUUID().toString();
        String legacy = UUID.randomUUID().toString();
        String altered = UUID.randomUUID().toString();
        FailedMessage underRetired = retired.seal(message(old, route, "{\"customerId\":\"cust-retired\"}"));
        FailedMessage alteredOne = retired.seal(message(altered, route, "{\"customerId\":\"cust-altered\"}"));
        byte[] alteredBody = alteredOne.body().clone();
        alteredBody[alteredBody.length - 1] ^= 1;
        try {
            insert(underRetired.body(), underRetired.headersJson(), "test-retired", old, route, "DISCARDED",
                    OffsetDateTime.now());
            insert("{\"customerId\":\"cust-legacy\"}".getBytes(StandardCharsets.UTF_8), "{\"kafka.KEY\":\"k-legacy\"}",
                    null, legacy, route, "DISCARDED", OffsetDateTime.now());
            insert(alteredBody, alteredOne.headersJson(), "test-retired", altered, route, "DISCARDED",
                    OffsetDateTime.now());

            assertThat(deadLetters.get(old).getString("body")).isEqualTo("{\"customerId\":\"cust-retired\"}");
            assertThat(deadLetters.get(old).getString("headers.'kafka.KEY'")).isEqualTo("k-1");
            assertThat(deadLetters.get(legacy).getString("body")).isEqualTo("{\"customerId\":\"cust-legacy\"}");
            assertThat(deadLetters.get(legacy).getString("headers.'kafka.KEY'")).isEqualTo("k-legacy");

            operator().when().get(PATH + "/" + altered).then().statusCode(500)
                    .body("title", equalTo("Dead letter cannot be decrypted"))
                    .body("detail", containsString(altered)).body("detail", containsString("altered"));
            operator().body(Map.of("force", true)).when().post(PATH + "/" + altered + "/replay").then()
                    .statusCode(409).body("detail", containsString("does not decrypt"));
            // The list does not decrypt: one bad row does not break it.
            assertThat(operator().queryParam("route", route).when().get(PATH).then().statusCode(200).extract()
                    .jsonPath().getInt("total")).isEqualTo(3);
        } finally {
            rows.update("DELETE FROM dead_letter WHERE route_id = ?", route);
        }
    }

    @Test
    void replayedAndDiscardedDeadLettersPastRetentionArePurgedOnScheduleAndTheRestKept() {
        String route = "test-retention-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime longAgo = OffsetDateTime.now().minusDays(31);
        OffsetDateTime recently = OffsetDateTime.now().minusDays(29);
        String oldReplayed = UUID.randomUUID().toString();
        String oldDiscarded = UUID.randomUUID().toString();
        String oldPending = UUID.randomUUID().toString();
        String oldReplayFailed = UUID.randomUUID().toString();
        String recentReplayed = UUID.randomUUID().toString();
        String job = UUID.randomUUID().toString();
        String oldJob = UUID.randomUUID().toString();
        double purgedBefore = DeadLetters.metrics(route).getOrDefault("junction_dead_letters_purged_total", 0.0);
        try {
            // PENDING until its replay history and job are in place: the purge runs every second.
            insert(new byte[0], "{}", null, oldReplayed, route, "PENDING", longAgo);
            insert(new byte[0], "{}", null, oldDiscarded, route, "PENDING", longAgo);
            insert(new byte[0], "{}", null, oldPending, route, "PENDING", longAgo);
            insert(new byte[0], "{}", null, oldReplayFailed, route, "REPLAY_FAILED", longAgo);
            insert(new byte[0], "{}", null, recentReplayed, route, "REPLAYED", recently);
            rows.update("INSERT INTO dead_letter_replay (dead_letter_id, replay_no, replayed_at, outcome, forced,"
                    + " edited) VALUES (?, 1, ?, 'REPLAYED', false, false)", oldReplayed, longAgo);
            for (String jobId : List.of(job, oldJob)) {
                OffsetDateTime ended = jobId.equals(job) ? recently : longAgo;
                rows.update("INSERT INTO replay_job (id, status, requested_by, requested_at, finished_at,"
                        + " heartbeat_at, force, total) VALUES (?, 'DONE', 'testoperator', ?, ?, ?, false, 1)", jobId,
                        ended, ended, ended);
                rows.update("INSERT INTO replay_job_item (job_id, position, dead_letter_id, outcome) VALUES (?, 0,"
                        + " ?, 'REPLAYED')", jobId, oldReplayed);
            }
            rows.update("UPDATE dead_letter SET status = CASE WHEN id = ? THEN 'REPLAYED' ELSE 'DISCARDED' END"
                    + " WHERE id IN (?, ?)", oldReplayed, oldReplayed, oldDiscarded);

            // junction.dead-letter.purge-interval-ms is 1000 in the test profile.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> rows.count(
                    "SELECT COUNT(*) FROM dead_letter WHERE id IN (?, ?)", oldReplayed, oldDiscarded) == 0);

            assertThat(rows.query("SELECT id FROM dead_letter WHERE route_id = ?", route))
                    .extracting(r -> r.get("id"))
                    .containsExactlyInAnyOrder(oldPending, oldReplayFailed, recentReplayed);
            assertThat(rows.count("SELECT COUNT(*) FROM dead_letter_replay WHERE dead_letter_id = ?", oldReplayed))
                    .isZero();
            assertThat(rows.query("SELECT job_id FROM replay_job_item WHERE dead_letter_id = ?", oldReplayed))
                    .as("the record of a job that ended within retention is kept; an older job is purged")
                    .containsExactly(Map.of("job_id", job));
            assertThat(rows.count("SELECT COUNT(*) FROM replay_job WHERE id = ?", oldJob)).isZero();
            operator().when().get(PATH + "/" + oldReplayed).then().statusCode(404);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(DeadLetters.metrics(route)
                    .get("junction_dead_letters_purged_total")).isEqualTo(purgedBefore + 2));
        } finally {
            rows.update("DELETE FROM replay_job_item WHERE job_id IN (?, ?)", job, oldJob);
            rows.update("DELETE FROM replay_job WHERE id IN (?, ?)", job, oldJob);
            rows.update("DELETE FROM dead_letter_replay WHERE dead_letter_id IN (SELECT id FROM dead_letter"
                    + " WHERE route_id = ?)", route);
            rows.update("DELETE FROM dead_letter WHERE route_id = ?", route);
        }
    }

    /** Someone whose data is in an order: none of it may reach a log line or a stored column in the clear. */
    record Customer(String id, String name, String street) {

        static Customer random() {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            return new Customer("cust-" + tag, "Erika Mustermann-" + tag, "Heidestrasse " + tag);
        }

        String order(String orderId, String sku) {
            return """
                    {"orderId":"%s","customerId":"%s","customerName":"%s","currency":"EUR",\
                    "shipping":{"method":"standard","country":"DE","street":"%s"},\
                    "lines":[{"sku":"%s","quantity":1,"unitPrice":10.00}]}""".formatted(orderId, id, name, street,
                    sku);
        }

        CharSequence[] secrets() {
            return new CharSequence[] { id, name, street };
        }
    }

    private static FailedMessage message(String id, String route, String body) {
        OffsetDateTime now = OffsetDateTime.now();
        return new FailedMessage(id, false, route, "direct:" + route, null, body.getBytes(StandardCharsets.UTF_8), true,
                "application/json", "{\"kafka.KEY\":\"k-1\"}", "java.lang.Exception", "boom", null, 1, now, now, null,
                "k-1", null);
    }

    private void insert(byte[] body, String headers, String keyId, String id, String route, String status,
            OffsetDateTime updatedAt) {
        rows.update("INSERT INTO dead_letter (id, route_id, endpoint_uri, body, body_text, headers, attempts,"
                + " first_failed_at, last_failed_at, status, recorded_at, updated_at, key_id) VALUES (?, ?, ?, ?, true,"
                + " ?, 1, ?, ?, ?, ?, ?, ?)", id, route, "direct:" + route, body, headers, updatedAt, updatedAt, status,
                updatedAt, updatedAt, keyId);
    }

    private List<Path> journalEntries(String mentioning) {
        if (!Files.isDirectory(journal)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(f -> f.toString().endsWith(".json")).filter(f -> read(f).contains(mentioning))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // moved into the store meanwhile
        }
    }
}
