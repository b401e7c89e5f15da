package dev.junction.testing;

import java.util.Map;

import dev.junction.runtime.kafka.embedded.EmbeddedKafkaBroker;

/**
 * A real Kafka broker for the test suite: Kafka's own KRaft server in this JVM, on a free loopback port with its log
 * in a temporary directory. Junction is pointed at it through {@code kafka.bootstrap.servers}, exactly as it would be
 * at a production cluster, so the embedded-defaults code path stays out of these tests.
 */
public class KafkaTestResource extends ServerTestResource<EmbeddedKafkaBroker> {

    public KafkaTestResource() {
        this("kafka", 0);
    }

    protected KafkaTestResource(String name, int port) {
        super(name, port, (dataDir, brokerPort) -> new EmbeddedKafkaBroker(dataDir, brokerPort).start(),
                broker -> Map.of("kafka.bootstrap.servers", broker.bootstrapServers()));
    }
}
