package dev.junction.runtime.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junction.testing.CertificateAuthority;
import dev.junction.testing.TlsPostgres;

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

    private static TlsPostgres postgres;
    private static CertificateAuthority otherCa;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = TlsPostgres.start(dir);
        otherCa = CertificateAuthority.create(dir.resolve("other-ca"), "other-ca");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void verifyFullWithTheSecretsCaConnectsOverTls() throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.documentedUrl(),
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
        String plain = "jdbc:postgresql://localhost:" + postgres.port() + "/postgres?sslmode=disable";
        assertThatThrownBy(() -> DriverManager.getConnection(plain, "postgres", "postgres").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("no pg_hba.conf entry")
                .hasMessageContaining("no encryption");
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.documentedUrl("localhost", otherCa.certificate()),
                "postgres", "postgres").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("SSL error")
                .rootCause().hasMessageContaining("unable to find valid certification path");
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() {
        assertThatThrownBy(
                () -> DriverManager.getConnection(postgres.documentedUrl("127.0.0.1", postgres.ca().certificate()),
                        "postgres", "postgres").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("127.0.0.1 could not be verified");
    }
}
