package dev.junction.runtime.kafka.embedded;

import static dev.junction.testing.KafkaTopics.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.FreePorts;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.PropertiesProfile;

/**
 * With kafka.bootstrap.servers set (here by the shared test broker), embedded mode starts nothing and orders go to
 * the configured broker: a production deployment that keeps -Djunction.embedded=true by mistake still uses its
 * cluster.
 */
@QuarkusTest
@TestProfile(ConfiguredBrokerWinsTest.EmbeddedButConfigured.class)
class ConfiguredBrokerWinsTest {

    /** With profiles/ConfiguredBrokerWinsTest.EmbeddedButConfigured.properties: embedded mode on. */
    public static class EmbeddedButConfigured extends PropertiesProfile {

        @Override
        protected Map<String, String> computedOverrides() {
            return Map.of("junction.embedded.kafka.port", String.valueOf(FreePorts.next()));
        }
    }

    @ConfigProperty(name = "junction.embedded.kafka.port")
    int embeddedPort;

    @ConfigProperty(name = "junction.embedded")
    boolean embedded;

    @Test
    void usesTheConfiguredBrokerAndStartsNoEmbeddedOne() {
        assertThat(embedded).isTrue();
        assertThat(FreePorts.listening(embeddedPort)).as("embedded broker port %s", embeddedPort).isFalse();
        try (KafkaTopics topics = KafkaTopics.ofApplication()) {
            Map<TopicPartition, Long> mark = topics.mark(STANDARD);
            String orderId = Orders.newId();
            Clients.intake().contentType(ContentType.JSON).body(Orders.order(orderId, "standard", "DE"))
                    .when().post("/api/v1/orders")
                    .then().statusCode(202).body("topic", equalTo(STANDARD));
            assertThat(topics.awaitRecordWithKey(mark, orderId).topic()).isEqualTo(STANDARD);
        }
    }
}
