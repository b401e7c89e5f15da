package dev.junction.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A server for the tests (a Kafka broker, a PostgreSQL) with its data in a temporary directory of its own: started when
 * Quarkus starts the test resources, giving Junction its settings as a production server would be given, and stopped,
 * its directory deleted, when Quarkus stops them. A test that has it injected (a field of its exact type) can take it
 * down and bring it back; on a fixed port (not 0) a broker or database comes back as the same server with the same
 * data (a server whose start makes new credentials, as the SCRAM/TLS broker's does, would not: none is brought back).
 */
public abstract class ServerTestResource<S extends AutoCloseable> implements QuarkusTestResourceLifecycleManager {

    /** Starts the server with its data in dataDir, listening on port (0: any free one). */
    @FunctionalInterface
    protected interface Starter<S> {

        S start(Path dataDir, int port) throws IOException;
    }

    private final String name;
    private final int port;
    private final Starter<S> starter;
    private final Function<S, Map<String, String>> settings;
    private Path dataDir;
    private S server;

    /** name: of the temporary directory (junction-test-name…); settings: Junction's configuration for the server. */
    protected ServerTestResource(String name, int port, Starter<S> starter,
            Function<S, Map<String, String>> settings) {
        this.name = name;
        this.port = port;
        this.starter = starter;
        this.settings = settings;
    }

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("junction-test-" + name);
        } catch (IOException e) {
            throw new IllegalStateException("Could not create the data directory of " + name, e);
        }
        bringBack();
        return settings.apply(server);
    }

    /** The running server, for a test that talks to it directly; null while it is down. */
    public synchronized S server() {
        return server;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, field -> field.getType() == getClass());
    }

    /** Stops the server; its data stays. */
    public synchronized void takeDown() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop " + name, e);
            }
            server = null;
        }
    }

    /** Starts the server again on its data (the first time: on a new, empty directory). */
    public synchronized void bringBack() {
        if (server == null) {
            try {
                server = starter.start(dataDir, port);
            } catch (IOException e) {
                throw new IllegalStateException("Could not start " + name, e);
            }
        }
    }

    @Override
    public void stop() {
        try {
            takeDown();
        } finally {
            TempDirs.deleteQuietly(dataDir);
        }
    }
}
