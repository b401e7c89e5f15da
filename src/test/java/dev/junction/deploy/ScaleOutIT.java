package dev.junction.deploy;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static dev.junction.testing.KafkaTopics.FULFILLED;
import static dev.junction.testing.KafkaTopics.INTERNATIONAL;
import static dev.junction.testing.KafkaTopics.REJECTED;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.junction.testing.KafkaTestResource;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.PostgresTestResource;
import dev.junction.testing.Rows;

/**
 * Scale-out, as Kubernetes runs it but on one machine: three Junction processes (the packaged jar) against one Kafka
 * broker and one PostgreSQL. The scheduled inventory sync runs on one replica per tick; then orders stream in over
 * HTTP, spread over the replicas, and one replica is killed with SIGKILL while it is fulfilling them. Every order must
 * end up fulfilled exactly once in effect: one row set, one idempotency key, its event, nothing lost.
 * <p>
 * A failsafe test: it needs the jar, so it runs in {@code verify} after {@code package}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutIT {

    private static final int ORDERS_PER_HALF = 60;
    private static final List<String> LANES = List.of(EXPRESS, STANDARD, INTERNATIONAL);
    private static final ObjectMapper JSON = new ObjectMapper();
    // The base64 of "junction-scaleout-test-NOT-SECRT" (32 bytes): only this test's throw-away database sees it.
    private static final String DEAD_LETTER_KEY = "anVuY3Rpb24tc2NhbGVvdXQtdGVzdC1OT1QtU0VDUlQ=";

    private Path workDir;
    private final KafkaTestResource kafka = new KafkaTestResource();
    private final PostgresTestResource postgres = new PostgresTestResource();
    private Rows rows;
    private KafkaTopics topics;
    private final List<JunctionProcess> junctions = new ArrayList<>();

    @BeforeAll
    void startServicesAndThreeJunctions() throws Exception {
        workDir = Files.createDirectories(Path.of("target/scale-out"));
        // What every replica is told of them: kafka.bootstrap.servers and the datasource URL, user and password.
        Map<String, String> services = new LinkedHashMap<>(kafka.start());
        services.putAll(postgres.start());
        rows = new Rows(postgres.server().getPostgresDatabase());
        topics = new KafkaTopics(kafka.server().bootstrapServers());
        // Three partitions per lane: with three consumers in the group, each replica works some of each.
        topics.ensureExist(LANES.toArray(String[]::new));
        List<CompletableFuture<JunctionProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = "junction-" + i;
            Path own = Files.createDirectories(workDir.resolve(name));
            Map<String, String> properties = new LinkedHashMap<>(services);
            properties.put("inventory.stand-in.enabled", "true");
            properties.put("inventory.url", "http://127.0.0.1:${port}/stand-in/inventory");
            // Every 2 s, so the test sees several ticks; a dead replica's claim lapses quickly.
            properties.put("inventory-sync.schedule", "0/2 * * * * ?");
            properties.put("junction.jobs.max-run", "PT10S");
            // A dead consumer's partitions move after its session times out: the broker's minimum, not 45 s.
            properties.put("camel.component.kafka.session-timeout-ms", "6000");
            properties.put("camel.component.kafka.heartbeat-interval-ms", "1000");
            // The client posting the orders, configured as production configures clients: the hash of its key
            // (JunctionProcess.INTAKE_KEY), and a rate its bursts stay under.
            properties.put("junction.auth.api-keys.scaleout.hashes",
                    "cfc4309d209da65156949f0f4d7cd3706ba5283c7cabaad4ad99c081ddca6de8");
            properties.put("junction.auth.api-keys.scaleout.roles", "intake");
            properties.put("junction.rate-limit.clients.scaleout.replica-requests-per-second", "1000");
            properties.put("junction.rate-limit.clients.scaleout.replica-burst", "1000");
            // Per-pod directories, as each pod's emptyDir
            properties.put("junction.dead-letter.journal.dir", own.resolve("dead-letters").toString());
            // The prod profile has no dead-letter key; every replica must share one to read the others' dead letters.
            properties.put("junction.dead-letter.encryption.key-id", "scaleout");
            properties.put("junction.dead-letter.encryption.keys.scaleout", DEAD_LETTER_KEY);
            properties.put("catalog-import.dir", own.resolve("catalog").toString());
            starting.add(CompletableFuture.supplyAsync(() -> JunctionProcess.start(name, workDir, properties)));
        }
        for (CompletableFuture<JunctionProcess> junction : starting) {
            junctions.add(junction.join());
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> junctions.stream().allMatch(JunctionProcess::ready));
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (JunctionProcess junction : junctions) {
            junction.close();
        }
        if (topics != null) {
            topics.close();
        }
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }

    @Test
    void theScheduleRunsOnOneReplicaPerTickAndOrdersAreFulfilledOnceWhenAReplicaIsKilledMidStream() throws Exception {
        scheduledSyncRunsOncePerTick();
        ordersSurviveAReplicaKilledMidStream();
    }

    /**
     * Stock changes written while three replicas schedule the sync every 2 s: each change is delivered in exactly one
     * batch. Two replicas running the same tick would read the same changes after the same checkpoint and publish the
     * same batch twice.
     */
    private void scheduledSyncRunsOncePerTick() throws Exception {
        Set<String> skus = new HashSet<>();
        long ticksBefore = lastTickMillis();
        // One change at a time, each delivered before the next is written: each goes out on a tick of its own,
        // which all three replicas fire.
        for (int i = 0; i < 4; i++) {
            String sku = Orders.newSku();
            skus.add(sku);
            rows.update("INSERT INTO inventory_item (sku, warehouse, quantity, updated_at)"
                    + " VALUES (?, 'w-1', ?, CURRENT_TIMESTAMP)", sku, i);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> syncedSkus(topics.readAll("inventory.changes")).containsKey(sku));
        }
        List<ConsumerRecord<String, String>> batches = topics.readAll("inventory.changes");
        Map<String, Long> perBatchId = batches.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.counting()));
        assertThat(perBatchId).as("every batch published once (batch id -> times)")
                .allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        assertThat(syncedSkus(batches)).as("every change delivered once (sku -> times)")
                .allSatisfy((sku, times) -> assertThat(times).isEqualTo(1));
        assertThat(syncedSkus(batches).keySet()).as("the changes written").containsExactlyInAnyOrderElementsOf(skus);
        assertThat(batches).as("one batch per tick that found changes").hasSize(skus.size());
        assertThat(lastTickMillis()).as("job_claim.last_tick moved on").isGreaterThan(ticksBefore);
    }

    private void ordersSurviveAReplicaKilledMidStream() throws Exception {
        Map<String, String> orders = new ConcurrentHashMap<>();
        JunctionProcess victim = junctions.get(0);
        List<JunctionProcess> survivors = junctions.subList(1, junctions.size());

        post(newOrders(ORDERS_PER_HALF), junctions, orders);
        // Mid-stream: the victim is fulfilling orders from its partitions, and has not finished them all
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> victim.metric("junction_fulfilment_orders_total", "outcome=\"fulfilled\"") >= 1
                        && rows.count("SELECT count(*) FROM fulfilment_order") >= 10);
        // The second half, and five orders of the first posted again (a client retrying what it thinks failed):
        // their records are duplicates fulfilment must absorb
        Map<String, String> again = orders.entrySet().stream().limit(5)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, String> secondHalfOrders = new LinkedHashMap<>(newOrders(ORDERS_PER_HALF));
        CompletableFuture<Void> secondHalf = CompletableFuture.runAsync(() -> {
            post(secondHalfOrders, survivors, orders);
            post(again, survivors, orders);
        });
        victim.kill9();
        long fulfilledAtKill = rows.count("SELECT count(*) FROM fulfilment_order");
        secondHalf.join();
        assertThat(fulfilledAtKill).as("killed before the stream was done").isLessThan(2L * ORDERS_PER_HALF);

        // The dead consumer's partitions go to the survivors, which resume at the last committed offsets
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(
                () -> assertThat(rows.count("SELECT count(*) FROM fulfilment_order")).isEqualTo(orders.size()));

        Set<String> posted = new HashSet<>(orders.keySet());
        assertThat(posted).hasSize(2 * ORDERS_PER_HALF);
        assertThat(rows.strings("SELECT order_id FROM fulfilment_order WHERE status = 'FULFILLED'"))
                .as("every order fulfilled, once").containsExactlyInAnyOrderElementsOf(posted);
        assertThat(rows.count("SELECT count(*) FROM fulfilment_order_line")).as("two lines per order, once")
                .isEqualTo(2L * posted.size());
        assertThat(
                rows.strings("SELECT messageid FROM CAMEL_MESSAGEPROCESSED WHERE processorname = 'order-fulfilment'"))
                .as("one idempotency key per order").containsExactlyInAnyOrderElementsOf(posted);
        assertThat(rows.count("SELECT count(*) FROM dead_letter")).as("nothing dead-lettered").isZero();

        // Events: every order has its event. The victim may have died between committing an order (with its event,
        // in the outbox) and publishing or marking it published; the replica that takes the record over publishes
        // it if it was not marked. So at most one order, the one it died on, can have its event twice.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(
                Set.copyOf(keys(topics.readAll(FULFILLED)))).containsAll(posted));
        Map<String, Long> events = keys(topics.readAll(FULFILLED)).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(events.keySet()).as("orders with an orders.fulfilled event").containsExactlyInAnyOrderElementsOf(
                posted);
        assertThat(events.values()).as("events per order").allSatisfy(times -> assertThat(times).isBetween(1L, 2L));
        assertThat(events.values().stream().filter(times -> times > 1)).as("orders announced twice")
                .hasSizeLessThanOrEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM fulfilment_event WHERE published_at IS NULL"))
                .as("events not marked published").isZero();
        assertThat(topics.readAll(REJECTED)).as("no order rejected").isEmpty();
        double duplicates = 0;
        for (JunctionProcess survivor : survivors) {
            duplicates += survivor.metric("junction_fulfilment_orders_total", "outcome=\"duplicate\"");
        }
        assertThat(duplicates).as("the orders posted again were recognised as duplicates").isGreaterThanOrEqualTo(
                again.size());
        for (JunctionProcess survivor : survivors) {
            assertThat(survivor.ready()).as(survivor.name() + " still ready").isTrue();
        }
    }

    private Map<String, String> newOrders(int count) {
        Map<String, String> orders = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String orderId = Orders.newId();
            orders.put(orderId, Orders.order(orderId, i % 3 == 0 ? "express" : "standard", i % 2 == 0 ? "DE" : "US"));
        }
        return orders;
    }

    /**
     * Posts orders over HTTP, spread over the given replicas; an order a replica did not accept (it went away
     * mid-request) is posted again to the next one, as a client or load balancer would. Intake is stateless, so any
     * replica takes any order; a repeated post may publish an order twice, which fulfilment must absorb.
     */
    private void post(Map<String, String> orders, List<JunctionProcess> replicas, Map<String, String> posted) {
        int i = 0;
        for (Map.Entry<String, String> order : orders.entrySet()) {
            boolean accepted = false;
            for (int attempt = 0; attempt < 3 * replicas.size() && !accepted; attempt++) {
                JunctionProcess replica = replicas.get((i + attempt) % replicas.size());
                try {
                    accepted = replica.alive()
                            && replica.postJson("/api/v1/orders", order.getValue()).statusCode() == 202;
                } catch (IOException refused) {
                    accepted = false;
                }
            }
            assertThat(accepted).as("order " + order.getKey() + " accepted by a replica").isTrue();
            posted.put(order.getKey(), order.getValue());
            i++;
        }
    }

    private Map<String, Long> syncedSkus(List<ConsumerRecord<String, String>> batches) throws IOException {
        Map<String, Long> times = new HashMap<>();
        for (ConsumerRecord<String, String> batch : batches) {
            for (JsonNode item : JSON.readTree(batch.value()).path("items")) {
                times.merge(item.path("sku").asText(), 1L, Long::sum);
            }
        }
        return times;
    }

    private List<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private long lastTickMillis() {
        return ((Timestamp) rows.query("SELECT last_tick FROM job_claim WHERE job = 'inventory-sync'").get(0)
                .get("last_tick")).getTime();
    }
}
