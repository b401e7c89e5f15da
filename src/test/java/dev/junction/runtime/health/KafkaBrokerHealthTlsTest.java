package dev.junction.runtime.health;

import static dev.junction.runtime.health.KafkaHealthProbes.assertDown;
import static dev.junction.runtime.health.KafkaHealthProbes.assertUp;
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
import dev.junction.testing.CertificateAuthority;
import dev.junction.testing.FreePorts;

/**
 * The kafka-brokers readiness check against a real broker whose only client listener is TLS (SSL), with a certificate
 * made for the test: it trusts the broker through the truststore Camel's Kafka component is configured with, and
 * says why not when it cannot, without showing the truststore's password.
 */
class KafkaBrokerHealthTlsTest {

    private static final String KEY_STORE_PASSWORD = "ks-pw-" + UUID.randomUUID();
    private static final String TRUST_STORE_PASSWORD = "ts-pw-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "wrong-pw-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private static Path trustStore;
    @AutoClose
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        // The broker's key pair for 127.0.0.1, and a truststore for clients holding only its certificate.
        CertificateAuthority.SelfSigned stores = CertificateAuthority.selfSigned(dir, "broker", KEY_STORE_PASSWORD,
                TRUST_STORE_PASSWORD);
        Path keyStore = stores.keyStore();
        trustStore = stores.trustStore();

        broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), FreePorts.next(), SecurityProtocol.SSL, Map.of(
                "listener.name.ssl.ssl.keystore.location", keyStore.toString(),
                "listener.name.ssl.ssl.keystore.password", KEY_STORE_PASSWORD,
                "listener.name.ssl.ssl.key.password", KEY_STORE_PASSWORD,
                "listener.name.ssl.ssl.keystore.type", "PKCS12"))
                .start();
    }

    @Test
    void upWithTheTruststoreCamelIsConfiguredWith() {
        HealthCheckResponse response = probe(broker.bootstrapServers(), tls(TRUST_STORE_PASSWORD));

        assertUp(response, "SSL");
        assertNoPasswordIn(response);
    }

    @Test
    void downWithTheReasonWhenTheBrokerCertificateIsNotTrusted() {
        // TLS on, but no truststore: the JDK's default CAs, which never signed the test certificate.
        HealthCheckResponse response = probe(broker.bootstrapServers(), Map.of("security-protocol", "SSL"));

        assertDown(response, "refused the connection (SSL)", "SSL handshake failed");
    }

    @Test
    void downWithTheReasonWhenTheTruststoreCannotBeOpened() {
        HealthCheckResponse response = probe(broker.bootstrapServers(), tls(WRONG_PASSWORD));

        assertDown(response, "cannot be created from the camel.component.kafka.* settings", trustStore.toString());
        assertNoPasswordIn(response);
    }

    private static Map<String, String> tls(String trustStorePassword) {
        return Map.of("security-protocol", "SSL", "ssl-truststore-location", trustStore.toString(),
                "ssl-truststore-password", trustStorePassword, "ssl-truststore-type", "PKCS12");
    }

    private static void assertNoPasswordIn(HealthCheckResponse response) {
        assertThat(shown(response)).doesNotContain(TRUST_STORE_PASSWORD, WRONG_PASSWORD, KEY_STORE_PASSWORD);
    }
}
