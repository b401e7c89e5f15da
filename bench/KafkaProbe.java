import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka measuring and counting for the bench scripts, with plain kafka-clients (run with Junction's libraries:
 * java -cp 'target/quarkus-app/lib/main/*' bench/KafkaProbe.java MODE ...). Modes:
 * <ul>
 * <li>{@code pipeline BOOTSTRAP IN OUT COUNT RATE SIZE}: publishes COUNT records of about SIZE bytes to IN (acks=all,
 * idempotent; RATE per second, 0 for as fast as it can) and reads OUT until every one came back (each value carries
 * its sequence number and send time, so a transformed copy still does). Prints msg/s from first send to last arrival,
 * and the end-to-end latency percentiles of the first arrival of each record; duplicates and missing ones counted.</li>
 * <li>{@code relay BOOTSTRAP IN OUT GROUP COUNT}: the raw-client baseline of a Kafka -> transform -> Kafka pipeline:
 * poll, wrap each value, send the poll's records (acks=all, idempotent), flush, commit synchronously (at least once).
 * Stops after COUNT records.</li>
 * <li>{@code keys BOOTSTRAP TOPIC...}: prints the key of every record now in the topics, one a line.</li>
 * </ul>
 */
public class KafkaProbe {

    private static final Pattern STAMP = Pattern.compile("\"seq\":(\\d+),\"sentNanos\":(\\d+)");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "pipeline" -> pipeline(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            case "relay" -> relay(args[1], args[2], args[3], args[4], Long.parseLong(args[5]));
            case "keys" -> keys(args[1], Arrays.asList(args).subList(2, args.length));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static void pipeline(String bootstrap, String in, String out, int count, int rate, int size) throws Exception {
        long[] latencyNanos = new long[count];
        boolean[] seen = new boolean[count];
        int received = 0;
        int duplicates = 0;
        long lastArrival = 0;
        createTopics(bootstrap, in, out);
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, null);
                KafkaProducer<String, String> producer = producer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, out);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fixes the start before anything is sent
            AtomicBoolean failed = new AtomicBoolean();
            String pad = "x".repeat(Math.max(0, size - 60));
            Thread sender = new Thread(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    if (rate > 0) {
                        long due = start + (long) i * 1_000_000_000L / rate;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    String value = "{\"seq\":" + i + ",\"sentNanos\":" + System.nanoTime() + ",\"pad\":\"" + pad + "\"}";
                    producer.send(new ProducerRecord<>(in, Integer.toString(i), value), (meta, e) -> {
                        if (e != null) {
                            failed.set(true);
                        }
                    });
                }
                producer.flush();
            });
            long firstSend = System.nanoTime();
            sender.start();
            long deadline = firstSend + Duration.ofSeconds(Math.max(120, count / 50)).toNanos();
            while (received < count && System.nanoTime() < deadline && !failed.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    Matcher stamp = STAMP.matcher(record.value());
                    if (!stamp.find()) {
                        continue;
                    }
                    int seq = Integer.parseInt(stamp.group(1));
                    if (seen[seq]) {
                        duplicates++;
                        continue;
                    }
                    seen[seq] = true;
                    latencyNanos[received++] = now - Long.parseLong(stamp.group(2));
                    lastArrival = now;
                }
            }
            sender.join();
            if (failed.get()) {
                System.err.println("a send failed");
            }
            long[] sorted = Arrays.copyOf(latencyNanos, received);
            Arrays.sort(sorted);
            double seconds = (lastArrival - firstSend) / 1e9;
            System.out.printf("sent=%d received=%d missing=%d duplicates=%d seconds=%.2f msgs_per_s=%.0f p50_ms=%.1f"
                    + " p99_ms=%.1f max_ms=%.1f%n", count, received, count - received, duplicates, seconds,
                    received / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99),
                    percentile(sorted, 1.0));
        }
    }

    static void relay(String bootstrap, String in, String out, String group, long count) {
        long relayed = 0;
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, group);
                KafkaProducer<String, String> producer = producer(bootstrap)) {
            consumer.subscribe(List.of(in));
            while (relayed < count) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> record : records) {
                    producer.send(new ProducerRecord<>(out, record.key(),
                            "{\"pipeline\":\"relay\",\"payload\":" + record.value() + "}"));
                }
                producer.flush();
                consumer.commitSync();
                relayed += records.count();
            }
        }
    }

    static void keys(String bootstrap, Collection<String> topics) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, null)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(partitions(consumer, topic));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(e -> e.getValue() == 0);
            while (!end.isEmpty()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(record.key());
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
    }

    /** With the broker's default partition count, so the pipeline's consumer has partitions to wait on. */
    private static void createTopics(String bootstrap, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.empty(),
                            java.util.Optional.empty()))).all().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
