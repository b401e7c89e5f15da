package dev.junction.kafka.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.junction.testing.FreePorts;
import dev.junction.testing.KafkaTopics;

/**
 * With kafka.bootstrap.servers set (here by the shared test broker), embedded mode starts nothing and orders go to
 * the configured broker: a production deployment that keeps -Djunction.embedded=true by mistake still uses its
 * cluster.
 */
@QuarkusTest
@TestProfile(ConfiguredBrokerWinsTest.EmbeddedButConfigured.class)
class ConfiguredBrokerWinsTest {

    public static class EmbeddedButConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("junction.embedded", "true", "junction.embedded.kafka.port", String.valueOf(FreePorts.next()));
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
            Map<TopicPartition, Long> mark = topics.mark("orders.standard");
            given().contentType(ContentType.JSON).body("""
                    {"orderId":"o-configured-1","customerId":"c-1","currency":"EUR",
                     "shipping":{"method":"standard","country":"DE"},"lines":[{"sku":"S","quantity":1,"unitPrice":1}]}""")
                    .when().post("/api/v1/orders")
                    .then().statusCode(202).body("topic", equalTo("orders.standard"));
            assertThat(topics.awaitRecordWithKey(mark, "o-configured-1").topic()).isEqualTo("orders.standard");
        }
    }
}
