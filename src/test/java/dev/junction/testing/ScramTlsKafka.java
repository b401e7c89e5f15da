package dev.junction.testing;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import dev.junction.runtime.kafka.embedded.EmbeddedKafkaBroker;

/**
 * A Kafka broker as a managed cluster often is: its only client listener is SASL_SSL with SCRAM-SHA-512, a certificate
 * for 127.0.0.1 (clients verify the host name), one user. What Junction is given for it are the settings
 * docs/security.md's TLS section documents as environment variables (CAMEL_COMPONENT_KAFKA_SECURITY_PROTOCOL,
 * _SASL_MECHANISM, _SASL_JAAS_CONFIG, _SSL_TRUSTSTORE_LOCATION, _PASSWORD, _TYPE), here as the component options they
 * name.
 */
public final class ScramTlsKafka implements AutoCloseable {

    public static final String USER = "junction";

    private final String password = "scram-pw-" + UUID.randomUUID();
    private final String trustStorePassword = "ts-pw-" + UUID.randomUUID();
    private final Path trustStore;
    private final EmbeddedKafkaBroker broker;

    private ScramTlsKafka(Path dir, int port) {
        // The broker's key pair for 127.0.0.1, and a truststore for clients holding only its certificate.
        String keyStorePassword = "ks-pw-" + UUID.randomUUID();
        CertificateAuthority.SelfSigned stores = CertificateAuthority.selfSigned(dir, "broker", keyStorePassword,
                trustStorePassword);
        Path keyStore = stores.keyStore();
        trustStore = stores.trustStore();
        broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), port, SecurityProtocol.SASL_SSL, Map.of(
                "sasl.enabled.mechanisms", "SCRAM-SHA-512",
                // The broker checks SCRAM logins against the credentials in its metadata (added below).
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.sasl_ssl.ssl.keystore.location", keyStore.toString(),
                "listener.name.sasl_ssl.ssl.keystore.password", keyStorePassword,
                "listener.name.sasl_ssl.ssl.key.password", keyStorePassword,
                "listener.name.sasl_ssl.ssl.keystore.type", "PKCS12"));
    }

    /** Starts the broker and creates the user, as a cluster's operator would before handing out its password. */
    public static ScramTlsKafka start(Path dir) {
        return start(dir, FreePorts.next());
    }

    /** The same, listening on this port. */
    public static ScramTlsKafka start(Path dir, int port) {
        ScramTlsKafka kafka = new ScramTlsKafka(dir, port);
        kafka.broker.start();
        kafka.createUser();
        return kafka;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Camel's Kafka component options (camel.component.kafka.*) for logging in as the user with this password. */
    public Map<String, String> camelKafkaOptions(String userPassword) {
        return Map.of("security-protocol", "SASL_SSL", "sasl-mechanism", "SCRAM-SHA-512",
                "sasl-jaas-config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + userPassword + "\";",
                "ssl-truststore-location", trustStore.toAbsolutePath().toString(),
                "ssl-truststore-password", trustStorePassword, "ssl-truststore-type", "PKCS12");
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        broker.close();
    }

    private void createUser() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.internalBootstrapServers().orElseThrow());
        try (Admin admin = Admin.create(props)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create the SCRAM user", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // The controller acknowledges the credential before the broker's login cache has it, and a login in between
        // is refused (even once the broker describes the user): wait until the user can log in over SASL_SSL.
        // A TLS handshake and a SCRAM exchange per try take seconds on a busy machine: the limit is generous.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(this::userCanLogIn);
    }

    private boolean userCanLogIn() throws ExecutionException, InterruptedException, TimeoutException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        camelKafkaOptions(password).forEach((option, value) -> props.put(option.replace('-', '.'), value));
        try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).isEmpty();
        }
    }
}
