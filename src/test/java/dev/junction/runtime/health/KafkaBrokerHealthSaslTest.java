package dev.junction.runtime.health;

import static dev.junction.runtime.health.KafkaHealthProbes.assertDown;
import static dev.junction.runtime.health.KafkaHealthProbes.assertUp;
import static dev.junction.runtime.health.KafkaHealthProbes.data;
import static dev.junction.runtime.health.KafkaHealthProbes.probe;
import static dev.junction.runtime.health.KafkaHealthProbes.shown;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junction.runtime.kafka.embedded.EmbeddedKafkaBroker;
import dev.junction.testing.FreePorts;

/**
 * The kafka-brokers readiness check against a real broker whose only client listener requires SASL (PLAIN over
 * SASL_PLAINTEXT): it connects with the credentials Camel's Kafka component is configured with, tells wrong
 * credentials and missing security settings apart from an answer, and shows no credential in its response.
 */
class KafkaBrokerHealthSaslTest {

    private static final String USER = "junction";
    private static final String PASSWORD = "sasl-pw-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "wrong-pw-" + UUID.randomUUID();

    @TempDir
    static Path dataDir;

    @AutoClose
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(dataDir, FreePorts.next(), SecurityProtocol.SASL_PLAINTEXT, Map.of(
                "sasl.enabled.mechanisms", "PLAIN",
                // Broker side of PLAIN: the users it accepts, user_<name>="<password>".
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + USER + "=\"" + PASSWORD
                        + "\";"))
                .start();
    }

    @Test
    void upWithTheCredentialsCamelIsConfiguredWith() {
        HealthCheckResponse response = probe(broker.bootstrapServers(), sasl(PASSWORD));

        assertUp(response, "SASL_PLAINTEXT");
        assertNoCredentialIn(response);
    }

    @Test
    void downWithTheReasonWhenThePasswordIsWrong() {
        HealthCheckResponse response = probe(broker.bootstrapServers(), sasl(WRONG_PASSWORD));

        assertDown(response, "refused the connection (SASL_PLAINTEXT)", "Invalid username or password");
        assertNoCredentialIn(response);
    }

    @Test
    void downWithoutSecuritySettings() {
        HealthCheckResponse response = probe(broker.bootstrapServers(), Map.of());

        assertDown(response, "not reachable");
        assertThat(data(response, "security.protocol")).isEqualTo("PLAINTEXT");
    }

    private static Map<String, String> sasl(String password) {
        return Map.of("security-protocol", "SASL_PLAINTEXT", "sasl-mechanism", "PLAIN",
                "sasl-jaas-config", jaasConfig(password));
    }

    private static String jaasConfig(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
                + "\" password=\"" + password + "\";";
    }

    private static void assertNoCredentialIn(HealthCheckResponse response) {
        assertThat(shown(response)).doesNotContain(PASSWORD, WRONG_PASSWORD, "PlainLoginModule", "sasl.jaas.config");
    }
}
