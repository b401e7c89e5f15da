package dev.junction.runtime.kafka.embedded;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.FreePorts;
import dev.junction.testing.InventoryTestResource;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.OwnServices;
import dev.junction.testing.PostgresTestResource;

/**
 * What the README run command gives a new user: no Kafka configured, junction.embedded on, and Junction starts its
 * own broker before its routes, so the first order already flows into a topic.
 */
@QuarkusTest
@TestProfile(EmbeddedDefaultsTest.NoKafkaConfigured.class)
class EmbeddedDefaultsTest {

    /** With profiles/EmbeddedDefaultsTest.NoKafkaConfigured.properties: embedded mode on. */
    public static class NoKafkaConfigured extends OwnServices {

        public NoKafkaConfigured() {
            super(PostgresTestResource.class, InventoryTestResource.class);
        }

        @Override
        protected Map<String, String> computedOverrides() {
            return Map.of("junction.embedded.kafka.port", String.valueOf(FreePorts.next()),
                    "junction.embedded.kafka.data-dir", tempDir().toString());
        }

        private static Path tempDir() {
            try {
                return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "embedded-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // Read back from configuration: the profile class is loaded twice (JUnit's and Quarkus' class loaders), so its
    // static fields would not agree with what the application got.
    @ConfigProperty(name = "junction.embedded.kafka.port")
    int port;

    @ConfigProperty(name = "junction.embedded.kafka.data-dir")
    Path dataDir;

    @Test
    void startsItsOwnBrokerAndPublishesToIt() {
        assertThat(FreePorts.listening(port)).as("embedded broker port").isTrue();
        String orderId = Orders.newId();
        String order = Orders.order(orderId, "express", "DE");

        try (KafkaTopics topics = new KafkaTopics("localhost:" + port)) {
            Map<TopicPartition, Long> mark = topics.mark(EXPRESS);
            Clients.intake().contentType(ContentType.JSON).body(order)
                    .when().post("/api/v1/orders")
                    .then().statusCode(202)
                    .body("topic", equalTo(EXPRESS));

            ConsumerRecord<String, String> record = topics.awaitRecordWithKey(mark, orderId);
            assertThat(record.value()).isEqualTo(order);
        }
        assertThat(dataDir.resolve("meta.properties")).exists();
    }

    @Test
    void isReady() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
