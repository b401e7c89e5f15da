package dev.junction.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.InventoryTestResource;
import dev.junction.testing.Orders;
import dev.junction.testing.OwnServices;
import dev.junction.testing.PostgresTestResource;
import dev.junction.testing.RestartableKafkaTestResource;
import dev.junction.testing.Rows;

/**
 * The broker goes away under a running consumer and comes back: readiness goes DOWN saying why and UP again on its
 * own, and every order taken before, during and after is fulfilled exactly once (those taken while it was away
 * through the dead-letter store).
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.OwnBroker.class)
class KafkaOutageTest {

    public static class OwnBroker extends OwnServices {

        public OwnBroker() {
            super(RestartableKafkaTestResource.class, PostgresTestResource.class, InventoryTestResource.class);
        }
    }

    RestartableKafkaTestResource kafka;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readinessFollowsTheBrokerAndNoOrderIsLost() {
        Readiness.awaitUp(Duration.ofSeconds(30));
        List<String> orders = new ArrayList<>(Orders.postStandard(3));
        awaitFulfilled(orders);

        kafka.takeDown();
        Readiness.awaitDown("kafka-brokers", "data.reason", "not reachable");
        Readiness.assertLive();

        kafka.bringBack();
        Readiness.awaitUp(Duration.ofSeconds(60));

        orders.addAll(Orders.postStandard(3));
        awaitFulfilled(orders);
        Rows rows = new Rows(dataSource);
        assertThat(rows.query("SELECT order_id FROM fulfilment_order WHERE order_id IN (?, ?, ?, ?, ?, ?)",
                orders.toArray())).hasSize(6);
    }

    /**
     * Clients keep posting while the broker goes away and comes back. Every order is answered 202 (published), 503
     * "kept" (in the dead-letter store, replayed once Kafka is back) or another error the client retries on; every
     * accepted or kept order is fulfilled, once.
     */
    @Test
    void underLoadWhileTheBrokerIsAwayEveryOrderIsPublishedOrKeptAndNoneIsLost() throws Exception {
        Readiness.awaitUp(Duration.ofSeconds(30));
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            loops.add(clients.submit(() -> {
                while (posting.get()) {
                    String orderId = Orders.newId();
                    Response response = Clients.intake().contentType(ContentType.JSON)
                            .header("X-Correlation-ID", "load-" + orderId)
                            .body(Orders.order(orderId, "standard", "DE")).when().post("/api/v1/orders");
                    answers.put(orderId, new Answer(response.statusCode(), response.asString()));
                }
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.size() >= 8);
            kafka.takeDown();
            await().atMost(Duration.ofSeconds(90)).until(() -> count(answers, Answer::kept) >= 4);
            kafka.bringBack();
            Readiness.awaitUp(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> count(answers, a -> a.status() == 202) >= 16);
        } finally {
            posting.set(false);
            for (Future<?> loop : loops) {
                loop.get(2, TimeUnit.MINUTES);
            }
            clients.shutdown();
        }

        List<String> accepted = ids(answers, a -> a.status() == 202);
        List<String> kept = ids(answers, Answer::kept);
        assertThat(answers.values()).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isIn(202, 503));
        // Kept means kept: each such order has exactly one dead letter, from the intake's route.
        Map<String, String> deadLetters = new HashMap<>();
        for (String orderId : kept) {
            JsonPath list = DeadLetters.operator().queryParam("correlationId", "load-" + orderId)
                    .when().get(DeadLetters.PATH).then().statusCode(200).extract().jsonPath();
            assertThat(list.getList("items.route")).as(orderId).containsExactly("accept-order");
            deadLetters.put(orderId, list.getString("items[0].id"));
        }

        // Replayed in the background once Kafka is back: each kept order is published now.
        String job = DeadLetters.operator().body(Map.of("ids", List.copyOf(deadLetters.values())))
                .when().post("/api/ops/replay-jobs").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(
                () -> DeadLetters.operator().when().get("/api/ops/replay-jobs/" + job).then().statusCode(200)
                        .body("status", equalTo("DONE"))
                        .body("replayed", equalTo(kept.size())));

        List<String> owed = new ArrayList<>(accepted);
        owed.addAll(kept);
        awaitFulfilled(owed);
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ANY (?)",
                (Object) owed.toArray(new String[0]))).isEqualTo(owed.size());
    }

    /** What one client was answered: 202, or 503 either kept (replayed later) or not (the client retries). */
    private record Answer(int status, String body) {

        boolean kept() {
            return status == 503 && body.contains("has been kept");
        }
    }

    private static long count(Map<String, Answer> answers, Predicate<Answer> which) {
        return answers.values().stream().filter(which).count();
    }

    private static List<String> ids(Map<String, Answer> answers, Predicate<Answer> which) {
        return answers.entrySet().stream().filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).toList();
    }

    private void awaitFulfilled(List<String> orders) {
        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<Map<String, Object>> fulfilled = rows.query("SELECT order_id FROM fulfilment_order WHERE status ="
                    + " 'FULFILLED' AND order_id = ANY (?)", (Object) orders.toArray(new String[0]));
            assertThat(fulfilled).hasSize(orders.size());
        });
    }
}
