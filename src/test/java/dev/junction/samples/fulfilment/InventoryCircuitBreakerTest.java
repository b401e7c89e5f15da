package dev.junction.samples.fulfilment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.junction.testing.KafkaTopics.FULFILLED;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.junction.testing.DeadLetters;
import dev.junction.testing.Inventory;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.PropertiesProfile;
import dev.junction.testing.Rows;

/**
 * The circuit breaker around the inventory calls: under sustained failure it stops calling the service (orders fail
 * fast and are dead-lettered), and once the service has recovered it lets calls through again.
 */
@QuarkusTest
@TestProfile(InventoryCircuitBreakerTest.SmallWindow.class)
class InventoryCircuitBreakerTest {

    /** Its settings: profiles/InventoryCircuitBreakerTest.SmallWindow.properties. */
    public static class SmallWindow extends PropertiesProfile {
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void opensUnderSustainedFailureAndClosesAfterRecovery() {
        Inventory inventory = Inventory.ofApplication();
        DeadLetters deadLetters = new DeadLetters(new Rows(dataSource));
        String sku = Orders.newSku();
        inventory.answer(sku, aResponse().withStatus(500));

        try (KafkaTopics topics = KafkaTopics.ofApplication()) {
            List<String> orderIds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String orderId = Orders.newId();
                orderIds.add(orderId);
                topics.send(STANDARD, 0, orderId, Orders.withSkus(orderId, sku));
            }
            List<JsonPath> dead = orderIds.stream().map(deadLetters::awaitForKey).map(deadLetters::get).toList();

            // 4 orders x 3 attempts were made, but after the 4 failures that fill the window the circuit is open:
            // the rest fail at once without a request (at most one trial call if the delay ran out meanwhile).
            assertThat(inventory.requestsFor(sku)).hasSizeBetween(4, 5);
            assertThat(dead).extracting(d -> d.getString("exception.class"))
                    .containsOnly(InventoryUnavailableException.class.getName());
            assertThat(dead).extracting(d -> d.getString("exception.message"))
                    .anyMatch(message -> message.startsWith("Inventory circuit breaker is open"));

            inventory.answer(sku, aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"reservationId\":\"R-recovered\"}"));
            int requestsWhileOpen = inventory.requestsFor(sku).size();
            // After the delay a trial call goes through, succeeds and closes the circuit. Until then each order is
            // still dead-lettered at once, so keep sending until one is fulfilled.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, Long> before = topics.mark(FULFILLED);
                String orderId = Orders.newId();
                topics.send(STANDARD, 0, orderId, Orders.withSkus(orderId, sku));
                await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.idForKey(orderId) != null
                        || topics.countSince(before) > 0);
                return deadLetters.idForKey(orderId) == null;
            });
            assertThat(inventory.requestsFor(sku).size()).isGreaterThan(requestsWhileOpen);
        }
    }
}
