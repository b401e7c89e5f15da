package dev.junction.runtime.kafka;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.FreePorts;
import dev.junction.testing.InventoryTestResource;
import dev.junction.testing.Orders;
import dev.junction.testing.OwnServices;
import dev.junction.testing.PostgresTestResource;
import dev.junction.testing.Rows;
import dev.junction.testing.ScramTlsKafka;
import dev.junction.testing.ServerTestResource;

/**
 * Intake and fulfilment end to end against a Kafka broker that takes SCRAM-SHA-512 over TLS only, Junction configured
 * with nothing but the settings docs/deploy.md documents for it (KAFKA_BOOTSTRAP_SERVERS and CAMEL_COMPONENT_KAFKA_*,
 * here as the keys those variables name): an order posted to the intake is published, consumed and fulfilled, and
 * readiness reports the cluster UP over SASL_SSL. A wrong password: KafkaBrokerHealthScramTlsIT.
 */
@QuarkusTest
@TestProfile(KafkaScramTlsTest.ScramOverTls.class)
class KafkaScramTlsTest {

    public static class ScramOverTls extends OwnServices {

        public ScramOverTls() {
            super(ScramTlsKafkaResource.class, PostgresTestResource.class, InventoryTestResource.class);
        }
    }

    /** The broker, and Junction's settings for it: the documented environment variables' keys. */
    public static class ScramTlsKafkaResource extends ServerTestResource<ScramTlsKafka> {

        public ScramTlsKafkaResource() {
            super("kafka-scram", FreePorts.next(), ScramTlsKafka::start, ScramTlsKafkaResource::settings);
        }

        private static Map<String, String> settings(ScramTlsKafka kafka) {
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            kafka.camelKafkaOptions(kafka.password())
                    .forEach((option, value) -> config.put("camel.component.kafka." + option, value));
            return config;
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void anOrderIsTakenPublishedAndFulfilledOverSaslSsl() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka-brokers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka-brokers' }.data.'security.protocol'", equalTo("SASL_SSL"));

        String orderId = Orders.newId();
        Clients.intake().contentType(ContentType.JSON).body(Orders.withSkus(orderId, Orders.newSku())).when()
                .post("/api/v1/orders").then().statusCode(202).body("orderId", equalTo(orderId));

        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.count(
                "SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ? AND status = 'FULFILLED'", orderId) == 1);
    }
}
