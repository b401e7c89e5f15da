package dev.junction.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of one test's own that the test can take down and bring back (same port, same data directory,
 * so it comes back as the same database with every row), to see what Junction does while its database is away.
 * Injected into a test field of this type.
 */
public class RestartablePostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private final int port = FreePorts.next();
    private Path dataDir;
    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("junction-test-postgres-restartable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startDatabase();
        return Map.of("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.MatchesType(RestartablePostgresTestResource.class));
    }

    public synchronized void stopDatabase() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    public synchronized void startDatabase() {
        if (postgres == null) {
            try {
                // Initialised on the first start only: a restart keeps the schema and the rows.
                postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir)
                        .setCleanDataDirectory(false).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void stop() {
        stopDatabase();
        TempDirs.deleteQuietly(dataDir);
    }
}
