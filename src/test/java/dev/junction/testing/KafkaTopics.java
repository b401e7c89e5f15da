package dev.junction.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test-side access to a real broker: create and reconfigure topics, and read what a test's actions published.
 * Reading starts from offsets captured before the action ({@link #mark}), so tests sharing a topic do not see each
 * other's records.
 */
public final class KafkaTopics implements AutoCloseable {

    /** The order flow's topics: the intake's lanes, which fulfilment consumes, and fulfilment's outcomes. */
    public static final String EXPRESS = "orders.express";
    public static final String STANDARD = "orders.standard";
    public static final String INTERNATIONAL = "orders.international";
    public static final String FULFILLED = "orders.fulfilled";
    public static final String REJECTED = "orders.rejected";

    private final String bootstrapServers;
    private final Admin admin;

    /** The intake's three lanes, to mark or read them together. */
    public static String[] orderLanes() {
        return new String[] { EXPRESS, STANDARD, INTERNATIONAL };
    }

    /** For the broker the application under test uses (kafka.bootstrap.servers). */
    public static KafkaTopics ofApplication() {
        return new KafkaTopics(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public KafkaTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
    }

    /** Creates the topics (3 partitions, like the broker's auto-created ones) unless they exist. */
    public void ensureExist(String... topics) {
        for (String topic : topics) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Sets (value != null) or removes (value == null) a topic-level config override, and waits until the broker
     * applies it: the controller acknowledges the change before the broker has replayed it from the metadata log.
     */
    public void setTopicConfig(String topic, String key, String value) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = value == null ? new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get().get(resource).get(key);
            return value == null ? entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                    : value.equals(entry.value());
        });
    }

    /** The current end offset of every partition of the topics: where a test's reading starts. */
    public Map<TopicPartition, Long> mark(String... topics) {
        ensureExist(topics);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            // A topic created a moment ago can be missing from the metadata the broker answers with: an empty mark
            // would make every later read fail.
            List<TopicPartition> partitions = await().atMost(Duration.ofSeconds(10))
                    .until(() -> partitions(consumer, List.of(topics)),
                            found -> found.stream().map(TopicPartition::topic).distinct().count() == topics.length);
            return consumer.endOffsets(partitions);
        }
    }

    /** How many records the topics gained since the mark. */
    public long countSince(Map<TopicPartition, Long> mark) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return consumer.endOffsets(mark.keySet()).entrySet().stream()
                    .mapToLong(e -> e.getValue() - mark.get(e.getKey())).sum();
        }
    }

    /** Waits until the records published since the mark include one matching, and returns all of them. */
    public List<ConsumerRecord<String, String>> awaitRecords(Map<TopicPartition, Long> mark,
            Predicate<List<ConsumerRecord<String, String>>> complete) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(mark.keySet());
            mark.forEach(consumer::seek);
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return complete.test(seen);
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("Expected records did not arrive on " + mark.keySet() + "; got "
                        + seen.stream().map(r -> r.topic() + "-" + r.partition() + "@" + r.offset() + " key=" + r.key())
                                .toList(),
                        e);
            }
        }
        return seen;
    }

    /** Every record published since the mark up to now (the end offsets when called). */
    public List<ConsumerRecord<String, String>> readSince(Map<TopicPartition, Long> mark) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            Map<TopicPartition, Long> end = consumer.endOffsets(mark.keySet());
            consumer.assign(mark.keySet());
            mark.forEach(consumer::seek);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return seen;
    }

    /** Every record of the topic, from its beginning up to its end now. */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<TopicPartition, Long> beginning;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            beginning = consumer.beginningOffsets(mark(topic).keySet());
        }
        return readSince(beginning);
    }

    public ConsumerRecord<String, String> awaitRecordWithKey(Map<TopicPartition, Long> mark, String key) {
        return awaitRecords(mark, records -> records.stream().anyMatch(r -> key.equals(r.key()))).stream()
                .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, Collection<String> topics) {
        return topics.stream().flatMap(t -> consumer.partitionsFor(t).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "junction-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Publishes a record, as another application would, and waits for the broker's acknowledgement. */
    public void send(String topic, Integer partition, String key, String value) {
        sendAll(List.of(new ProducerRecord<>(topic, partition, key, value)));
    }

    /** Publishes the records with one producer, in order, and returns once the broker acknowledged them all. */
    public void sendAll(List<ProducerRecord<String, String>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<?> ack : sent) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the consumer group has committed offsets at or past the end offsets captured now. */
    public void awaitGroupCaughtUp(String group, String... topics) {
        Map<TopicPartition, Long> end = mark(topics);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
        });
    }

    /** Moves an idle consumer group back to the mark, so it consumes those records again. */
    public void rewindGroup(String group, Map<TopicPartition, Long> mark) {
        Map<TopicPartition, OffsetAndMetadata> offsets = mark.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        // The group is only empty once the stopped consumer's leave request has been processed.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> admin.alterConsumerGroupOffsets(group, offsets).all().get() == null);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
