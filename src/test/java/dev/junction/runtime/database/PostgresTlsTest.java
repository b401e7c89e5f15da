package dev.junction.runtime.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junction.testing.CertificateAuthority;

/**
 * PostgreSQL over TLS as Junction is told to use it (docs/deploy.md, "Database"): the JDBC URL of
 * QUARKUS_DATASOURCE_JDBC_URL with {@code sslmode=verify-full} and {@code sslrootcert} naming the CA file mounted from a
 * Secret. Against a real PostgreSQL 16 that takes TLS connections only (its pg_hba.conf has hostssl lines and nothing
 * else) with a certificate for localhost signed by a test CA, through the PostgreSQL JDBC driver Junction's pool uses:
 * verified TLS connects; no TLS, another CA, or a host name the certificate does not name is refused.
 * <p>
 * The driver directly rather than a whole Junction: the datasource hands the URL to this same driver unchanged, and
 * another Quarkus start (about 40 s) would prove nothing more about TLS.
 */
class PostgresTlsTest {

    @TempDir
    static Path dir;

    private static EmbeddedPostgres postgres;
    private static CertificateAuthority ca;
    private static CertificateAuthority otherCa;

    @BeforeAll
    static void startPostgres() throws IOException {
        ca = CertificateAuthority.create(dir.resolve("ca"), "database-ca");
        otherCa = CertificateAuthority.create(dir.resolve("other-ca"), "other-ca");
        // For localhost only, so that 127.0.0.1 is a host name the certificate does not name.
        CertificateAuthority.Issued server = ca.issue("postgres", "dns:localhost");
        Path hba = dir.resolve("pg_hba.conf");
        Files.writeString(hba, """
                # TLS or nothing: no host (plain) line, so a connection without TLS finds no entry and is refused.
                hostssl all all 127.0.0.1/32 trust
                hostssl all all ::1/128 trust
                """);
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", server.certificate().toAbsolutePath().toString())
                .setServerConfig("ssl_key_file", server.key().toAbsolutePath().toString())
                .setServerConfig("ssl_min_protocol_version", "TLSv1.2")
                .setServerConfig("hba_file", hba.toAbsolutePath().toString())
                .setServerConfig("listen_addresses", "127.0.0.1,::1")
                .start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void verifyFullWithTheSecretsCaConnectsOverTls() throws SQLException {
        try (Connection connection = DriverManager.getConnection(documentedUrl("localhost", ca.certificate()),
                "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet ssl = statement.executeQuery(
                        "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(ssl.next()).isTrue();
            assertThat(ssl.getBoolean("ssl")).as("the session is encrypted").isTrue();
            assertThat(ssl.getString("version")).as("TLS version").isIn("TLSv1.2", "TLSv1.3");
        }
    }

    @Test
    void aConnectionWithoutTlsIsRefusedByTheServer() {
        String plain = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?sslmode=disable";
        assertThatThrownBy(() -> DriverManager.getConnection(plain, "postgres", "postgres").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("no pg_hba.conf entry")
                .hasMessageContaining("no encryption");
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(documentedUrl("localhost", otherCa.certificate()),
                "postgres", "postgres").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("SSL error")
                .rootCause().hasMessageContaining("unable to find valid certification path");
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(documentedUrl("127.0.0.1", ca.certificate()),
                "postgres", "postgres").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("127.0.0.1 could not be verified");
    }

    /** QUARKUS_DATASOURCE_JDBC_URL as docs/deploy.md documents it, for this host and CA file. */
    private static String documentedUrl(String host, Path caCertificate) {
        return "jdbc:postgresql://" + host + ":" + postgres.getPort() + "/postgres?sslmode=verify-full&sslrootcert="
                + caCertificate.toAbsolutePath();
    }
}
