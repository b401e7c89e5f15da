package dev.junction.runtime.database.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.camel.quarkus.main.events.AfterStop;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import dev.junction.runtime.embedded.EmbeddedDefaults;
import dev.junction.runtime.embedded.LoopbackPort;

/**
 * Starts the embedded PostgreSQL server when Junction runs on embedded defaults without a configured database
 * ({@code junction.embedded=true}, no {@code quarkus.datasource.jdbc.url}: see {@link EmbeddedDefaults}), then runs
 * the Flyway migrations on it, which Quarkus would otherwise have tried before the server was up.
 * <p>
 * PostgreSQL rather than H2, which dev mode uses: the packaged jar is built with PostgreSQL as its datasource kind
 * (a build-time choice in Quarkus), and the demo then runs the same database, SQL and migrations as production.
 * The server binaries are zonky's, the ones the tests run; they are unpacked under the system temp directory.
 * <p>
 * Camel Main's {@link BeforeConfigure} is the first point at which Camel Quarkus lets the application act before
 * routes are loaded and started.
 */
@ApplicationScoped
public class EmbeddedPostgresLauncher {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresLauncher.class);

    private final boolean migrateHere;
    private final boolean start;
    private final int port;
    private final Path dataDir;
    private final Instance<Flyway> flyway;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresLauncher(
            @ConfigProperty(name = EmbeddedDefaults.START_POSTGRES, defaultValue = "false") boolean start,
            @ConfigProperty(name = "junction.embedded.postgres.port", defaultValue = "15432") int port,
            @ConfigProperty(name = "junction.embedded.postgres.data-dir", defaultValue = "data/postgres") Path dataDir,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> databaseUrl,
            Instance<Flyway> flyway) {
        this.migrateHere = start;
        this.start = start && databaseUrl.filter(EmbeddedDefaults.postgresUrl(port)::equals).isPresent();
        this.port = port;
        this.dataDir = dataDir.toAbsolutePath();
        this.flyway = flyway;
    }

    void startBeforeCamel(@Observes BeforeConfigure event) {
        if (!migrateHere || postgres != null) {
            return;
        }
        if (start) {
            startServer();
        }
        // Quarkus' migrate-at-start was switched off for this database; the one in effect is migrated here.
        LOG.infof("Database migrations applied: %d", flyway.get().migrate().migrationsExecuted);
    }

    private void startServer() {
        if (LoopbackPort.inUse(port)) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL server: port " + port + " is in use."
                    + " Pick another junction.embedded.postgres.port, or use that server with"
                    + " quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL) and its username and password.");
        }
        long started = System.nanoTime();
        try {
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            Files.createDirectories(dataDir.getParent());
            // Initialised on the first start only: a restart keeps the schema and the rows.
            postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir)
                    .setCleanDataDirectory(false).start();
            LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d in %d ms (%s %s)", port,
                    (System.nanoTime() - started) / 1_000_000, fresh ? "new database in" : "data kept in", dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL server in " + dataDir
                    + " (delete that directory to start afresh)", e);
        }
    }

    // After Camel has stopped: routes finish their transactions against a live database on the way down.
    void stopAfterCamel(@Observes AfterStop event) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.warn("The embedded PostgreSQL server did not stop cleanly", e);
            }
            postgres = null;
        }
    }
}
