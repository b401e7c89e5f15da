package dev.junction.runtime.kafka.embedded;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.AfterStop;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.junction.runtime.embedded.LoopbackPort;

/**
 * Starts the in-process Kafka broker when Junction runs on embedded defaults ({@code junction.embedded=true}, the
 * default in dev mode) and no broker is configured ({@code kafka.bootstrap.servers} /
 * {@code KAFKA_BOOTSTRAP_SERVERS} unset).
 * <p>
 * It hooks Camel Main's {@link BeforeStart} rather than Quarkus' StartupEvent because Camel Quarkus starts the
 * CamelContext, and with it the Kafka producers and consumers, before StartupEvent observers run.
 */
@ApplicationScoped
public class EmbeddedKafkaLauncher {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafkaLauncher.class);

    private final boolean embedded;
    private final Optional<String> configuredBootstrapServers;
    private final int port;
    private final Path dataDir;
    private EmbeddedKafkaBroker broker;

    public EmbeddedKafkaLauncher(
            @ConfigProperty(name = "junction.embedded", defaultValue = "false") boolean embedded,
            @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> configuredBootstrapServers,
            @ConfigProperty(name = "junction.embedded.kafka.port", defaultValue = "9092") int port,
            @ConfigProperty(name = "junction.embedded.kafka.data-dir", defaultValue = "data/kafka") Path dataDir) {
        this.embedded = embedded;
        this.configuredBootstrapServers = configuredBootstrapServers.filter(s -> !s.isBlank());
        this.port = port;
        this.dataDir = dataDir;
    }

    void startBeforeCamel(@Observes BeforeStart event) {
        if (!embedded) {
            return;
        }
        if (configuredBootstrapServers.isPresent()) {
            LOG.infof("kafka.bootstrap.servers is set (%s): using that broker, not starting the embedded one",
                    configuredBootstrapServers.get());
            return;
        }
        if (LoopbackPort.inUse(port)) {
            throw new IllegalStateException("Cannot start the embedded Kafka broker: port " + port + " is in use. If a "
                    + "Kafka broker listens there, use it with kafka.bootstrap.servers=localhost:" + port
                    + " (or KAFKA_BOOTSTRAP_SERVERS); otherwise pick another junction.embedded.kafka.port.");
        }
        broker = new EmbeddedKafkaBroker(dataDir, port).start();
    }

    // After Camel has stopped, so producers flush and consumers commit against a live broker on the way down.
    void stopAfterCamel(@Observes AfterStop event) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
