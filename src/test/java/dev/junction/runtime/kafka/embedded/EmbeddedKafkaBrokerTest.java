package dev.junction.runtime.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.junction.testing.KafkaTopics;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsRecordsAcrossRestartsOnTheSameDataDirectory() throws Exception {
        int port;
        Map<TopicPartition, Long> start;
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0).start()) {
            port = broker.port();
            try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
                start = topics.mark("restart-check");
            }
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                producer.send(new ProducerRecord<>("restart-check", "k-1", "survives a restart")).get();
            }
        }

        // Dev mode restarts the application on the same port and data directory.
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, port).start();
                KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
            assertThat(topics.awaitRecordWithKey(start, "k-1").value()).isEqualTo("survives a restart");
        }
    }

    @Test
    void failsWhenItsPortIsTakenAndLeavesNothingRunning(@TempDir Path otherDir) {
        try (EmbeddedKafkaBroker running = new EmbeddedKafkaBroker(dataDir, 0).start()) {
            long controllersBefore = controllerThreads();
            EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(otherDir, running.port());
            assertThatThrownBy(second::start).hasStackTraceContaining("Address already in use");
            second.close();
            // Its controller was shut down: the controller threads are those there were before it.
            await().atMost(Duration.ofSeconds(10)).until(() -> controllerThreads() == controllersBefore);
            // The first broker is unaffected.
            try (KafkaTopics topics = new KafkaTopics(running.bootstrapServers())) {
                assertThat(topics.mark("still-serving")).isNotEmpty();
            }
        }
    }

    private static long controllerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("quorum-controller-")).count();
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
