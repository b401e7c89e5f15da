package dev.junction.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server for benchmarks of the packaged jar ({@code ./mvnw -q exec:exec@postgres -Dport=.. -Ddir=..}):
 * the same binaries the tests use, on a loopback port, user and password {@code postgres}. Runs until killed.
 */
public final class StandalonePostgres {

    private static final Logger LOG = Logger.getLogger(StandalonePostgres.class);

    private StandalonePostgres() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(Path.of(args[1]))
                .setCleanDataDirectory(true).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.warn("PostgreSQL did not stop cleanly", e);
            }
            stopped.countDown();
        }));
        LOG.infof("PostgreSQL listening: %s", postgres.getJdbcUrl("postgres", "postgres"));
        stopped.await();
    }
}
