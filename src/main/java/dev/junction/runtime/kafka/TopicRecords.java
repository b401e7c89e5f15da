package dev.junction.runtime.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a topic's records for an operator ("what did Junction publish for order X"): a consumer of its own for each
 * read, connected as Camel's Kafka clients are ({@link CamelKafkaSecurity}), that is assigned the topic's partitions
 * (no group: it commits nothing and joins no one's rebalance), reads up to the end offsets it found on arrival and is
 * closed. Bounded by a record limit and a time budget; at most {@value #AT_ONCE} reads run at once.
 */
@Singleton
public class TopicRecords {

    /** Kafka's own rule for topic names; internal topics (__consumer_offsets …) are left out on purpose. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    public static final int MAX_LIMIT = 500;
    /** Characters of a value kept in the answer; the rest is cut. */
    public static final int MAX_VALUE_CHARS = 16 * 1024;
    /** The whole read (metadata, seeks, polls) ends within this, complete or not. */
    static final Duration BUDGET = Duration.ofSeconds(3);
    private static final int AT_ONCE = 2;

    /** Where a read starts: each partition's beginning, or {@code limit} records before each partition's end. */
    public enum From {
        BEGINNING,
        END
    }

    /** One record as read; value and header values as UTF-8 text, the value cut at {@link #MAX_VALUE_CHARS}. */
    public record Item(String key, int partition, long offset, Instant timestamp, Map<String, String> headers,
            String value, boolean valueCut) {
    }

    /**
     * The records found, and whether they are all there is: every partition read from its beginning to the end it had
     * when the read began, and no record that matched left out for the limit.
     */
    public record Result(List<Item> records, boolean complete) {
    }

    private final String brokers;
    private final CamelKafkaSecurity security;
    private final Semaphore reads = new Semaphore(AT_ONCE);

    public TopicRecords(@ConfigProperty(name = "camel.component.kafka.brokers") String brokers, Config config) {
        this.brokers = brokers;
        this.security = CamelKafkaSecurity.from(config);
    }

    public static boolean isValidTopic(String topic) {
        return topic != null && TOPIC.matcher(topic).matches() && !topic.startsWith("__")
                && !topic.equals(".") && !topic.equals("..");
    }

    /**
     * The topic's records (those with this key only, when key is not null), at most limit of them, in partition and
     * offset order (from the end: the newest limit of the last limit of each partition); empty when there is no
     * such topic.
     *
     * @throws Busy when {@value #AT_ONCE} reads are running already
     * @throws org.apache.kafka.common.errors.TimeoutException when Kafka did not answer within the budget
     */
    public Optional<Result> read(String topic, String key, int limit, From from) {
        if (!reads.tryAcquire()) {
            throw new Busy();
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            long deadline = System.nanoTime() + BUDGET.toNanos();
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, remaining(deadline));
            if (partitions == null || partitions.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(assigned);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(assigned, remaining(deadline)));
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(assigned, remaining(deadline));
            boolean leftOut = false;
            for (TopicPartition partition : assigned) {
                long start = starts.getOrDefault(partition, 0L);
                long end = ends.getOrDefault(partition, start);
                long first = from == From.END ? Math.max(start, end - limit) : start;
                leftOut |= first > start;
                consumer.seek(partition, first);
            }
            // A partition is done once its position reaches the end it had on arrival; records that arrive later
            // are not waited for.
            ends.entrySet().removeIf(end -> end.getValue() <= consumer.position(end.getKey(), remaining(deadline)));
            // From the end, the oldest of what was found makes room for newer records; from the beginning, the
            // read stops once it has found enough.
            PriorityQueue<Item> found = new PriorityQueue<>(Comparator.comparing(Item::timestamp));
            while (!ends.isEmpty() && (from == From.END || found.size() < limit) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(min(remaining(deadline),
                        Duration.ofMillis(500)))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = ends.get(partition);
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    if (record.offset() >= end - 1) {
                        ends.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                    if (key != null && !key.equals(record.key())) {
                        continue;
                    }
                    if (from == From.BEGINNING && found.size() >= limit) {
                        leftOut = true;
                        continue;
                    }
                    found.add(item(record));
                    if (found.size() > limit) {
                        found.poll();
                        leftOut = true;
                    }
                }
                // Records removed by compaction or retention leave gaps: the position tells, not the last offset.
                ends.entrySet().removeIf(end -> end.getValue() <= consumer.position(end.getKey(), remaining(deadline)));
            }
            List<Item> records = new ArrayList<>(found);
            records.sort(Comparator.comparingInt(Item::partition).thenComparingLong(Item::offset));
            return Optional.of(new Result(records, ends.isEmpty() && !leftOut));
        } finally {
            reads.release();
        }
    }

    /** Too many reads at once: the caller may try again in a moment. */
    public static class Busy extends RuntimeException {

        Busy() {
            super("At most " + AT_ONCE + " topic reads run at once; try again in a moment.");
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> properties = new HashMap<>(security.clientProperties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "junction-ops-records");
        // No group.id: nothing is committed, and no consumer group of the integrations is touched.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Asking for a topic that does not exist must not create it.
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_LIMIT);
        properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BUDGET.toMillis());
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BUDGET.toMillis());
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Item item(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        boolean cut = value != null && value.length() > MAX_VALUE_CHARS;
        return new Item(record.key(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                headers, cut ? value.substring(0, MAX_VALUE_CHARS) : value, cut);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
