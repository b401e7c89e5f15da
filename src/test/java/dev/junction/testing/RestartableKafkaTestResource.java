package dev.junction.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.junction.runtime.kafka.embedded.EmbeddedKafkaBroker;

/**
 * A Kafka broker of one test's own that the test can take down and bring back (same port, same log, so it comes back
 * as the same cluster with every record), to see what Junction does while its broker is away. Injected into a test
 * field of this type.
 */
public class RestartableKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private final int port = FreePorts.next();
    private Path dataDir;
    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("junction-test-kafka-restartable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startBroker();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.MatchesType(RestartableKafkaTestResource.class));
    }

    public synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    public synchronized void startBroker() {
        if (broker == null) {
            broker = new EmbeddedKafkaBroker(dataDir, port).start();
        }
    }

    @Override
    public void stop() {
        stopBroker();
        TempDirs.deleteQuietly(dataDir);
    }
}
