package dev.junction.deploy;

import static dev.junction.testing.KafkaTopics.FULFILLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

import dev.junction.testing.Chromium;
import dev.junction.testing.FreePorts;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.TempDirs;

/**
 * The README's demo command, {@code java -Djunction.embedded=true -jar target/quarkus-app/quarkus-run.jar}, with
 * nothing else running: the packaged jar starts its own Kafka broker, PostgreSQL server and stand-in inventory, takes
 * an order with the published dev key and fulfils it end to end, and keeps its data across a restart. Without
 * embedded mode the same jar refuses to start, naming what to set; with an invalid route file it refuses too, naming
 * file and line.
 * <p>
 * Ports and data directories are the test's own, so that it neither collides with a running dev mode nor touches
 * ./data. A failsafe test: it needs the jar, so it runs in {@code verify} after {@code package}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedJarIT {

    private static final String DEV_INTAKE_KEY = "dev-intake-key";
    private static final String DEV_OPERATOR_KEY = "dev-operator-key";

    private final Path workDir;
    private final Path dataDir;
    private final int kafkaPort = FreePorts.next();
    private final int postgresPort = FreePorts.next();

    EmbeddedJarIT() throws Exception {
        workDir = Files.createDirectories(Path.of("target/embedded-jar"));
        dataDir = Files.createTempDirectory(workDir, "data-");
    }

    @AfterAll
    void removeData() {
        TempDirs.deleteQuietly(dataDir);
    }

    @Test
    void embeddedModeRunsTheJarAloneAndFulfilsAnOrderKeptAcrossARestart() throws Exception {
        String orderId = Orders.newId();
        try (JunctionProcess junction = startEmbedded("embedded-1");
                KafkaTopics topics = new KafkaTopics("127.0.0.1:" + kafkaPort)) {
            topics.ensureExist(FULFILLED);
            Map<TopicPartition, Long> mark = topics.mark(FULFILLED);

            HttpResponse<String> accepted = junction.postJson("/api/v1/orders",
                    Orders.order(orderId, "express", "DE"), DEV_INTAKE_KEY);

            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(accepted.body()).contains("\"orderId\":\"" + orderId + "\"", "\"status\":\"accepted\"");
            ConsumerRecord<String, String> fulfilled = topics.awaitRecordWithKey(mark, orderId);
            assertThat(fulfilled.value()).contains("\"status\":\"FULFILLED\"", "\"reservationId\":\"R-" + orderId);
            assertThat(orderStatus(orderId)).isEqualTo("FULFILLED");
            assertThat(junction.log()).contains("Embedded PostgreSQL started on 127.0.0.1:" + postgresPort,
                    "new database in", "Database migrations applied: ");
            consoleShowsTheOrderBehindTheOperatorKey(junction);
        }

        try (JunctionProcess again = startEmbedded("embedded-2")) {
            assertThat(orderStatus(orderId)).as("the order row, kept in the data directory").isEqualTo("FULFILLED");
            assertThat(again.log()).contains("data kept in", "Database migrations applied: 0");
        }
    }

    /** The console in the prod profile: the page for all, its data only with the published dev operator key. */
    private void consoleShowsTheOrderBehindTheOperatorKey(JunctionProcess junction) throws Exception {
        assertThat(junction.get("/api/ops/about").statusCode()).isEqualTo(401);
        HttpResponse<String> about = junction.get("/api/ops/about", DEV_OPERATOR_KEY);
        assertThat(about.statusCode()).as(about.body()).isEqualTo(200);
        assertThat(about.body()).contains("\"profile\":\"prod\"", "\"name\":\"devoperator\"", "\"camel\":\"4.17.0\"");
        try (Chromium browser = Chromium.start()) {
            browser.open(junction.baseUri() + "/console");
            browser.signIn("key", DEV_OPERATOR_KEY);
            browser.awaitText(By.id("who"), "devoperator (operator)");
            browser.awaitText(By.cssSelector("#routes-table tr[data-route='fulfil-order']"), "Started");
            browser.awaitText(By.id("versions"), "prod");
            browser.screenshot("embedded-prod-overview");
        }
    }

    @Test
    void withoutEmbeddedModeTheJarRefusesToStartNamingWhatToSet() throws Exception {
        try (JunctionProcess junction = JunctionProcess.start("not-embedded", workDir,
                Map.of("junction.embedded.kafka.port", String.valueOf(FreePorts.next())))) {
            assertThat(junction.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(junction.log()).contains("Junction does not start: set quarkus.datasource.jdbc.url "
                    + "(QUARKUS_DATASOURCE_JDBC_URL, with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD) "
                    + "and junction.dead-letter.encryption.key-id and its key "
                    + "(JUNCTION_DEAD_LETTER_ENCRYPTION_KEY_ID and JUNCTION_DEAD_LETTER_ENCRYPTION_KEYS_<KEY_ID>, the "
                    + "base64 of 32 random bytes), or run with -Djunction.embedded=true");
        }
    }

    /**
     * One invalid route file beside a fine one: the jar does not start, and its log names each problem with file and
     * line. Checked on the jar, as users run it, rather than in a {@code @QuarkusMainTest}, which builds the
     * application once more for itself (about 20 s).
     */
    @Test
    void anInvalidRouteFileStopsTheJarNamingFileAndLine() throws Exception {
        Path routes = Files.createTempDirectory(workDir, "invalid-routes-");
        Path data = Files.createTempDirectory(workDir, "invalid-routes-data-");
        Path broken = routes.resolve("broken.yaml");
        Files.writeString(routes.resolve("fine.yaml"), """
                - route:
                    id: fine
                    from:
                      uri: platform-http:/fine
                      steps:
                        - setBody:
                            constant: fine
                """);
        Files.writeString(broken, """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - to: kafka:{{orders.topic.nowhere}}
                        - tooo: log:x
                """);
        Map<String, String> properties = embedded(FreePorts.next(), FreePorts.next(), data);
        properties.put("junction.routes.dir", routes.toString());
        try (JunctionProcess junction = JunctionProcess.start("invalid-routes", workDir, properties)) {
            assertThat(junction.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(junction.log()).contains("Route files are invalid, Junction does not start:")
                    .contains(broken + ":6: unresolved property placeholder {{orders.topic.nowhere}}")
                    .contains(broken + ":7: Unknown node id: tooo");
        } finally {
            TempDirs.deleteQuietly(routes);
            TempDirs.deleteQuietly(data);
        }
    }

    private JunctionProcess startEmbedded(String name) {
        JunctionProcess junction = JunctionProcess.start(name, workDir, embedded(kafkaPort, postgresPort, dataDir));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(junction::ready);
        return junction;
    }

    /** Embedded mode on ports and in a data directory of the test's own. */
    private static Map<String, String> embedded(int kafkaPort, int postgresPort, Path data) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("junction.embedded", "true");
        properties.put("junction.embedded.kafka.port", String.valueOf(kafkaPort));
        properties.put("junction.embedded.kafka.data-dir", data.resolve("kafka").toString());
        properties.put("junction.embedded.postgres.port", String.valueOf(postgresPort));
        properties.put("junction.embedded.postgres.data-dir", data.resolve("postgres").toString());
        properties.put("junction.dead-letter.journal.dir", data.resolve("dead-letters").toString());
        properties.put("catalog-import.dir", data.resolve("catalog").toString());
        return properties;
    }

    private String orderStatus(String orderId) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort
                + "/postgres", "postgres", "postgres");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status FROM fulfilment_order WHERE order_id = ?")) {
            select.setString(1, orderId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
