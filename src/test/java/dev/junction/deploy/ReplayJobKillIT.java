package dev.junction.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.junction.testing.KafkaTestResource;
import dev.junction.testing.TempDirs;
import dev.junction.testing.TlsPostgres;

/**
 * A replay job of 10,000 dead letters whose replica is killed with SIGKILL half-way: Junction started again takes the
 * job over and finishes it, and each letter is replayed exactly once in effect.
 * <p>
 * The letters are real: 10,000 records on a topic, which a route (src/test/resources/replay-kill) writes to a ledger
 * table that does not exist yet, so all fail and go to the dead-letter store. The test then creates the table and replays them
 * all as one job through the operations API. The ledger counts how many times each message arrived: the letter in
 * hand at the kill may arrive twice (its replay ran, the process died before it was noted), which the route's upsert
 * absorbs; every other arrives once.
 * <p>
 * The database takes TLS connections only, as production's should (its pg_hba.conf has hostssl lines and nothing
 * else, its certificate is signed by a test CA): Junction reaches it through the JDBC URL docs/deploy.md documents,
 * {@code sslmode=verify-full} with the CA file, and every session it opens is encrypted. A failsafe test: it runs the
 * packaged jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayJobKillIT {

    private static final int LETTERS = 10_000;
    private static final String TOPIC = "replay-kill.letters";
    private static final String OPERATOR_KEY = "replay-kill-operator-key";
    // The base64 of "junction-replaykill-test-NOT-SCT" (32 bytes): only this test's throw-away database sees it.
    private static final String DEAD_LETTER_KEY = "anVuY3Rpb24tcmVwbGF5a2lsbC10ZXN0LU5PVC1TQ1Q=";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path workDir;
    private Path routesDir;
    private final KafkaTestResource kafka = new KafkaTestResource();
    private TlsPostgres postgres;
    private DataSource database;
    private final List<JunctionProcess> junctions = new ArrayList<>();

    @BeforeAll
    void startServices() throws Exception {
        // Anew each run: a CA key store left by an earlier run (other password) would make keytool refuse.
        workDir = Path.of("target/replay-kill");
        TempDirs.deleteQuietly(workDir);
        Files.createDirectories(workDir);
        routesDir = Files.createTempDirectory(workDir, "routes-");
        Files.copy(Path.of("src/test/resources/replay-kill/replay-ledger.yaml"),
                routesDir.resolve("replay-ledger.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        kafka.start();
        Map<String, Object> clients = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(clients)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clients, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < LETTERS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "letter-" + i, "letter-" + i));
            }
            producer.flush();
        }
        postgres = TlsPostgres.start(workDir);
        database = postgres.dataSource();
    }

    private String bootstrapServers() {
        return kafka.server().bootstrapServers();
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (JunctionProcess junction : junctions) {
            junction.close();
        }
        try {
            kafka.stop();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            TempDirs.deleteQuietly(routesDir);
        }
    }

    @Test
    void aJobOfTenThousandKilledHalfWayIsTakenOverAndReplaysEachLetterOnceInEffect() throws Exception {
        JunctionProcess first = start("junction-1");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> count(
                "SELECT COUNT(*) FROM dead_letter WHERE route_id = 'replay-ledger' AND status = 'PENDING'") == LETTERS);
        // Consumed for good: Junction started again must not take the records from the topic again.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> committedOffset() == LETTERS);
        execute("CREATE TABLE replay_ledger (letter VARCHAR(64) PRIMARY KEY, times INTEGER NOT NULL)");

        HttpResponse<String> accepted = first.postJson("/api/ops/replay-jobs",
                "{\"filter\": {\"route\": \"replay-ledger\"}}", OPERATOR_KEY);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode job = JSON.readTree(accepted.body());
        String jobId = job.path("id").asText();
        assertThat(job.path("total").asInt()).isEqualTo(LETTERS);

        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> job(first, jobId).path("done").asInt() >= LETTERS / 2);
        first.kill9();
        long doneAtKill = count("SELECT COUNT(*) FROM replay_job_item WHERE job_id = '" + jobId
                + "' AND outcome IS NOT NULL");
        assertThat(doneAtKill).as("killed half-way").isBetween((long) LETTERS / 2, LETTERS - 1L);

        JunctionProcess second = start("junction-2");
        JsonNode done = await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> job(second, jobId), node -> "DONE".equals(node.path("status").asText()));

        assertThat(done.path("resumes").asInt()).as("taken over once").isEqualTo(1);
        assertThat(done.path("total").asInt()).isEqualTo(LETTERS);
        assertThat(done.path("replayed").asInt()).as(done.toString()).isEqualTo(LETTERS);
        assertThat(count("SELECT COUNT(*) FROM replay_job_item WHERE job_id = '" + jobId
                + "' AND outcome = 'REPLAYED'")).isEqualTo(LETTERS);
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE route_id = 'replay-ledger' AND status = 'REPLAYED'"))
                .as("every letter REPLAYED").isEqualTo(LETTERS);
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE route_id = 'replay-ledger'"))
                .as("no letter added by a replay").isEqualTo(LETTERS);

        Map<String, Integer> ledger = ledger();
        assertThat(ledger.keySet()).as("every message arrived").containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, LETTERS).mapToObj(i -> "letter-" + i).toList());
        assertThat(ledger.values().stream().filter(times -> times > 1).count())
                .as("messages that arrived twice: at most the one in hand at the kill").isLessThanOrEqualTo(1);
        assertThat(ledger.values()).allSatisfy(times -> assertThat(times).isBetween(1, 2));
        assertThat(count("SELECT COUNT(*) FROM dead_letter_replay r JOIN dead_letter d ON d.id = r.dead_letter_id"
                + " WHERE d.route_id = 'replay-ledger' AND r.outcome = 'REPLAYED'"))
                .as("one REPLAYED entry in each letter's history").isEqualTo(LETTERS);
        assertThat(second.log()).contains("Replay job " + jobId + " taken over");
        assertThat(count("SELECT COUNT(*) FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid"
                + " WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND NOT s.ssl"))
                .as("sessions without TLS").isZero();
        assertThat(count("SELECT COUNT(*) FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid"
                + " WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND s.ssl"))
                .as("Junction's pooled sessions, over TLS").isPositive();
        assertThat(second.ready()).isTrue();
    }

    private JunctionProcess start(String name) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers());
        properties.put("quarkus.datasource.jdbc.url", postgres.documentedUrl());
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", "postgres");
        properties.put("inventory.stand-in.enabled", "true");
        properties.put("inventory.url", "http://127.0.0.1:${port}/stand-in/inventory");
        // Only the test's routes: the ledger and, the first time, its seed.
        properties.put("junction.routes.dir", routesDir.toString());
        // Each message fails once into the store, without waiting out redeliveries.
        properties.put("junction.dead-letter.redelivery.maximum-redeliveries", "0");
        properties.put("junction.dead-letter.replay.max-job", String.valueOf(LETTERS));
        // Taken over a few seconds after the kill, not a minute.
        properties.put("junction.dead-letter.replay.job-lost-after", "PT5S");
        properties.put("junction.auth.api-keys.replaykill.hashes", sha256Hex(OPERATOR_KEY));
        properties.put("junction.auth.api-keys.replaykill.roles", "operator");
        properties.put("junction.rate-limit.clients.replaykill.replica-requests-per-second", "1000");
        properties.put("junction.rate-limit.clients.replaykill.replica-burst", "1000");
        properties.put("junction.dead-letter.journal.dir", workDir.resolve(name + "-dead-letters").toString());
        properties.put("junction.dead-letter.encryption.key-id", "replaykill");
        properties.put("junction.dead-letter.encryption.keys.replaykill", DEAD_LETTER_KEY);
        properties.put("catalog-import.dir", workDir.resolve(name + "-catalog").toString());
        JunctionProcess junction = JunctionProcess.start(name, workDir, properties);
        junctions.add(junction);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(junction::ready);
        return junction;
    }

    private static JsonNode job(JunctionProcess junction, String jobId) throws IOException {
        HttpResponse<String> response = junction.get("/api/ops/replay-jobs/" + jobId + "?limit=1", OPERATOR_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private long committedOffset() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("replay-ledger")
                    .partitionsToOffsetAndMetadata()
                    .get().get(new TopicPartition(TOPIC, 0));
            return committed == null ? -1 : committed.offset();
        }
    }

    private Map<String, Integer> ledger() throws SQLException {
        Map<String, Integer> ledger = new LinkedHashMap<>();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT letter, times FROM replay_ledger");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ledger.put(rows.getString(1), rows.getInt(2));
            }
        }
        return ledger;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String sha256Hex(String key) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(
                StandardCharsets.UTF_8)));
    }
}
