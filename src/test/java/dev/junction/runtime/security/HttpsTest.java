package dev.junction.runtime.security;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.junction.testing.CertificateAuthority;
import dev.junction.testing.Clients;
import dev.junction.testing.FreePorts;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;

/**
 * Junction with a certificate configured the way a deployment does it (junction.http.tls.certificate and .key, PEM
 * files as a Kubernetes TLS Secret holds them), signed by a CA made for the test: a client that trusts that CA only,
 * and checks the host name, posts an order over HTTPS and it reaches Kafka; plain HTTP has no listener at all, as in
 * production (the test profile, like prod, has no stand-in inventory on Junction's own port). A renewed certificate
 * written over the files, as Kubernetes updates a mounted Secret, is served within the reload period, without a
 * restart.
 */
@QuarkusTest
@TestProfile(HttpsTest.Tls.class)
class HttpsTest {

    /** Where this JVM's CA and server certificate are: made once, when Quarkus asks for the profile's settings. */
    static final Path CERTIFICATES = Path.of("target/tls/https-" + ProcessHandle.current().pid());

    public static class Tls implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Path certificate = CERTIFICATES.resolve("junction.crt");
            Path key = CERTIFICATES.resolve("junction.key");
            if (!Files.exists(key)) {
                CertificateAuthority ca = CertificateAuthority.create(CERTIFICATES, "junction-test");
                ca.issue("junction", "dns:localhost", "ip:127.0.0.1");
                // The renewal the rotation test writes over the served files.
                ca.issue("junction-renewed", "dns:localhost", "ip:127.0.0.1");
            }
            // Settings a test resource returns are invisible to config source factories (dev.junction.runtime.https reads
            // these two in one), so they are the profile's own.
            return Map.of("junction.http.tls.certificate", certificate.toAbsolutePath().toString(),
                    "junction.http.tls.key", key.toAbsolutePath().toString(),
                    "junction.http.tls.reload-period", "1s",
                    "quarkus.http.test-ssl-port", "0",
                    // A known plain-HTTP port, to prove nothing listens on it.
                    "quarkus.http.test-port", String.valueOf(FreePorts.next()));
        }
    }

    @TestHTTPResource(tls = true)
    URL https;

    @ConfigProperty(name = "quarkus.http.test-port")
    int plainPort;

    @Test
    void anOrderPostedOverHttpsWithTheIntakeKeyReachesKafka() {
        String orderId = Orders.newId();
        try (KafkaTopics topics = KafkaTopics.ofApplication()) {
            Map<TopicPartition, Long> mark = topics.mark(EXPRESS);

            overHttps().header("X-API-Key", Clients.INTAKE_KEY).contentType(ContentType.JSON)
                    .body(Orders.order(orderId, "express", "DE")).when().post("/api/v1/orders")
                    .then().statusCode(202).body("orderId", equalTo(orderId));

            List<ConsumerRecord<String, String>> records = topics.awaitRecords(mark,
                    seen -> seen.stream().anyMatch(record -> orderId.equals(record.key())));
            assertThat(records).filteredOn(record -> orderId.equals(record.key())).hasSize(1);
        }
        overHttps().when().get("/q/health/live").then().statusCode(200);
        overHttps().when().post("/api/v1/orders").then().statusCode(401);
    }

    @Test
    void plainHttpHasNoListener() {
        assertThat(plainPort).isPositive();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), plainPort).close())
                .as("a plain-HTTP connection to port " + plainPort).isInstanceOf(ConnectException.class);
        assertThat(FreePorts.listening(https.getPort())).as("the HTTPS port listens").isTrue();
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefusedTheHandshake() {
        // The JDK's default trust store: public CAs, none of which signed the test CA's certificate.
        assertThatThrownBy(() -> given().baseUri("https://localhost").port(https.getPort()).when()
                .get("/q/health/live")).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void aRenewedCertificateWrittenOverTheFilesIsServedWithoutARestart() throws Exception {
        X509Certificate renewed = certificate(CERTIFICATES.resolve("junction-renewed.crt"));
        assertThat(servedCertificate().getSerialNumber()).isNotEqualTo(renewed.getSerialNumber());

        // As the kubelet updates a mounted Secret: each file replaced whole, never half-written.
        for (String file : List.of("key", "crt")) {
            Path next = CERTIFICATES.resolve("junction.next." + file);
            Files.copy(CERTIFICATES.resolve("junction-renewed." + file), next, StandardCopyOption.REPLACE_EXISTING);
            Files.move(next, CERTIFICATES.resolve("junction." + file), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }

        // junction.http.tls.reload-period is 1s here.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(
                () -> assertThat(servedCertificate().getSerialNumber()).isEqualTo(renewed.getSerialNumber()));
        overHttps().when().get("/q/health/live").then().statusCode(200);
    }

    /** The certificate a TLS handshake with Junction's HTTPS port presents. */
    private X509Certificate servedCertificate() throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustingTheCaOnly());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", https.getPort())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private RequestSpecification overHttps() {
        return given().baseUri("https://localhost").port(https.getPort())
                .config(RestAssured.config().sslConfig(SSLConfig.sslConfig().trustStore(trustingTheCaOnly())));
    }

    private static KeyStore trustingTheCaOnly() {
        try (InputStream ca = Files.newInputStream(CERTIFICATES.resolve("junction-test-ca.crt"))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("junction-test-ca",
                    CertificateFactory.getInstance("X.509").generateCertificate(ca));
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
