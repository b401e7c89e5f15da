package dev.junction.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL that takes TLS connections only, as production's should: its pg_hba.conf has hostssl lines and nothing
 * else, and its certificate, for localhost only, is signed by a CA made for the test. Junction reaches it through the
 * JDBC URL docs/deploy.md documents ({@link #documentedUrl()}).
 */
public final class TlsPostgres implements AutoCloseable {

    private final CertificateAuthority ca;
    private final EmbeddedPostgres postgres;

    private TlsPostgres(CertificateAuthority ca, EmbeddedPostgres postgres) {
        this.ca = ca;
        this.postgres = postgres;
    }

    /** Makes the CA (in dir/database-ca), the server's certificate and pg_hba.conf in dir, and starts the server. */
    public static TlsPostgres start(Path dir) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create(dir.resolve("database-ca"), "database-ca");
        // For localhost only, so that 127.0.0.1 is a host name the certificate does not name.
        CertificateAuthority.Issued server = ca.issue("postgres", "dns:localhost");
        Path hba = dir.resolve("pg_hba.conf");
        Files.writeString(hba, """
                # TLS or nothing: no host (plain) line, so a connection without TLS finds no entry and is refused.
                hostssl all all 127.0.0.1/32 trust
                hostssl all all ::1/128 trust
                """);
        return new TlsPostgres(ca, EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", server.certificate().toAbsolutePath().toString())
                .setServerConfig("ssl_key_file", server.key().toAbsolutePath().toString())
                .setServerConfig("ssl_min_protocol_version", "TLSv1.2")
                .setServerConfig("hba_file", hba.toAbsolutePath().toString())
                .setServerConfig("listen_addresses", "127.0.0.1,::1")
                .start());
    }

    /** The CA that signed the server's certificate: what clients are given to trust. */
    public CertificateAuthority ca() {
        return ca;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The postgres database, for the test's own statements (the driver's default sslmode, prefer, takes TLS). */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** QUARKUS_DATASOURCE_JDBC_URL as docs/deploy.md documents it: verify-full against the CA's certificate. */
    public String documentedUrl() {
        return documentedUrl("localhost", ca.certificate());
    }

    /** The same, for another host name or CA file. */
    public String documentedUrl(String host, Path caCertificate) {
        return "jdbc:postgresql://" + host + ":" + port() + "/postgres?sslmode=verify-full&sslrootcert="
                + caCertificate.toAbsolutePath();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
