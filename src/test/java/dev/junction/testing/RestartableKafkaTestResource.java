package dev.junction.testing;

/**
 * A Kafka broker of one test's own that the test can take down and bring back (same port, same log, so it comes back
 * as the same cluster with every record), to see what Junction does while its broker is away. Injected into a test
 * field of this type.
 */
public class RestartableKafkaTestResource extends KafkaTestResource {

    public RestartableKafkaTestResource() {
        super("kafka-restartable", FreePorts.next());
    }
}
