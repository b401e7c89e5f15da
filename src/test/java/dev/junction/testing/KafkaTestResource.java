package dev.junction.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.junction.runtime.kafka.embedded.EmbeddedKafkaBroker;

/**
 * A real Kafka broker for the test suite: Kafka's own KRaft server in this JVM, on a free loopback port with its log
 * in a temporary directory. Junction is pointed at it through {@code kafka.bootstrap.servers}, exactly as it would be
 * at a production cluster, so the embedded-defaults code path stays out of these tests.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private Path dataDir;
    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("junction-test-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = new EmbeddedKafkaBroker(dataDir, 0).start();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        TempDirs.deleteQuietly(dataDir);
    }
}
