package dev.junction.runtime.kafka;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;

/**
 * Consumer offsets committed by Camel, synchronously, only for records whose exchange completed (handled or
 * dead-lettered). A Kafka consumer endpoint opts in with {@code autoCommitEnable=false}, {@code allowManualCommit=true}
 * and {@code kafkaManualCommitFactory=#syncOffsetCommits}: camel-kafka then records each completed record's offset and
 * commits it at the end of every poll batch, before a rebalance and on shutdown. Kafka's own auto-commit instead
 * commits whatever the last poll returned, which on shutdown includes records never processed.
 */
public class OffsetCommits {

    @Produces
    @Singleton
    @Named("syncOffsetCommits")
    KafkaManualCommitFactory syncOffsetCommits() {
        return new DefaultKafkaManualCommitFactory();
    }
}
