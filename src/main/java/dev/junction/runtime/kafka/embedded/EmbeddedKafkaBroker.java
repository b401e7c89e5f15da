package dev.junction.runtime.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller), running inside this JVM on loopback.
 * <p>
 * It is Kafka's own server, not a mock: the same code a production cluster runs, formatted and started the way
 * {@code kafka-storage.sh format} and {@code kafka-server-start.sh} would. Dev mode, demos and the test suite use it
 * where Docker is not available. Plain class, no CDI: tests start one per test run with a random port.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String INTERNAL_LISTENER = "INTERNAL";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final SecurityProtocol clientProtocol;
    private final int internalPort;
    private final Map<String, String> extraProperties;
    private KafkaRaftServer server;

    /**
     * @param dataDir where the broker keeps its log; reused (not reformatted) when it already holds a formatted log
     * @param port the client port, or 0 for a free one
     */
    public EmbeddedKafkaBroker(Path dataDir, int port) {
        this(dataDir, port, SecurityProtocol.PLAINTEXT, Map.of());
    }

    /**
     * A broker whose client port speaks another security protocol, for tests of clients that connect with TLS or
     * SASL. The client listener is named after its protocol (e.g. {@code SASL_PLAINTEXT}), so its settings are
     * {@code listener.name.sasl_plaintext.*} broker properties, passed in {@code extraProperties}; with a protocol
     * other than PLAINTEXT, the broker's traffic to itself (inter-broker) goes over a PLAINTEXT listener on another
     * loopback port, so that it needs no credentials or certificates of its own.
     *
     * @param clientProtocol the security protocol of the listener at {@code port}
     * @param extraProperties broker properties added to, and taking precedence over, the broker's own
     */
    public EmbeddedKafkaBroker(Path dataDir, int port, SecurityProtocol clientProtocol,
            Map<String, String> extraProperties) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port == 0 ? freePort() : port;
        this.controllerPort = freePort();
        this.clientProtocol = clientProtocol;
        this.internalPort = clientProtocol == SecurityProtocol.PLAINTEXT ? 0 : freePort();
        this.extraProperties = Map.copyOf(extraProperties);
    }

    /**
     * Runs the broker on its own until the process is stopped, for benchmarks and demos that want Kafka in a
     * separate process: {@code java -cp '<app>/lib/boot/*:<app>/lib/main/*:<app>/app/*'
     * dev.junction.runtime.kafka.embedded.EmbeddedKafkaBroker [port] [data-dir]}.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        Path dir = args.length > 1 ? Path.of(args[1]) : Path.of("data", "kafka");
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-shutdown"));
        Thread.currentThread().join();
    }

    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the embedded Kafka data directory " + dataDir, e);
        }
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        format(config);
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            // A half-started server keeps its controller threads and ports; a dev-mode restart would trip over them.
            starting.shutdown();
            throw e;
        }
        server = starting;
        LOG.infof("Embedded Kafka broker listening on %s (%s, data in %s), started in %d ms", bootstrapServers(),
                clientProtocol, dataDir, (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /**
     * The PLAINTEXT listener the broker uses for its own traffic when its client listener is secured, for whoever
     * must manage the cluster before any client can log in (tests creating SCRAM users); empty without one.
     */
    public Optional<String> internalBootstrapServers() {
        return internalPort == 0 ? Optional.empty() : Optional.of(HOST + ":" + internalPort);
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Embedded Kafka broker stopped");
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        String client = clientProtocol.name;
        String clientListener = client + "://" + HOST + ":" + port;
        String controllerListener = "CONTROLLER://" + HOST + ":" + controllerPort;
        if (clientProtocol == SecurityProtocol.PLAINTEXT) {
            props.put("listeners", clientListener + "," + controllerListener);
            props.put("advertised.listeners", clientListener);
            props.put("inter.broker.listener.name", client);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        } else {
            String internalListener = INTERNAL_LISTENER + "://" + HOST + ":" + internalPort;
            props.put("listeners", clientListener + "," + internalListener + "," + controllerListener);
            props.put("advertised.listeners", clientListener + "," + internalListener);
            props.put("inter.broker.listener.name", INTERNAL_LISTENER);
            props.put("listener.security.protocol.map",
                    client + ":" + client + "," + INTERNAL_LISTENER + ":PLAINTEXT,CONTROLLER:PLAINTEXT");
        }
        props.put("controller.listener.names", "CONTROLLER");
        props.put("log.dirs", dataDir.toString());
        // One node: the internal topics cannot have more replicas than brokers, or consumer groups and
        // transactions never become available.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        // Small segments and indexes keep a dev/test broker's disk and memory footprint modest.
        props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        props.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        props.put("log.retention.hours", "24");
        props.putAll(extraProperties);
        return props;
    }

    /** What {@code kafka-storage.sh format --ignore-formatted} does: a no-op for a directory formatted before. */
    private void format(KafkaConfig config) {
        // The formatter compares its cluster id with the one a formatted directory holds, even when told to ignore
        // formatted directories: a new random id would refuse the broker's own log on every restart.
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(dataDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Formatting the embedded Kafka log directory failed: " + out, e);
        }
        LOG.debugf("kafka-storage format: %s", out.toString(StandardCharsets.UTF_8).trim());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }
}
