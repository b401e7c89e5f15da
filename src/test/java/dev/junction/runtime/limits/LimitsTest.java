package dev.junction.runtime.limits;

import static dev.junction.testing.KafkaTopics.EXPRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;

/** Request limits at the HTTP edge: body size (413) and per-client rate (429), each with a problem body. */
@QuarkusTest
class LimitsTest {

    private static final String ORDERS = "/api/v1/orders";

    @Inject
    KafkaTopics topics;

    @Test
    void anOversizedBodyIsA413AndNothingIsPublished() {
        Map<TopicPartition, Long> mark = topics.mark(EXPRESS);
        String orderId = Orders.newId();
        // A valid order padded with an extra field (extra fields pass through) to just over 1 MiB.
        String order = Orders.order(orderId, "express", "DE")
                .replaceFirst("\\{", "{\"padding\":\"" + "x".repeat(1024 * 1024) + "\",");

        Clients.intake().contentType(ContentType.JSON).body(order).when().post(ORDERS)
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("detail", containsString("1048576 bytes"));
        assertThat(topics.readSince(mark)).noneMatch(r -> r.value().contains(orderId));
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterWhileOthersGoOn() {
        // testlimited: a burst of 3, then one request every 20 s (%test.junction.rate-limit.clients.testlimited.*).
        for (int i = 0; i < 3; i++) {
            Clients.withKey(Clients.LIMITED_KEY).contentType(ContentType.JSON).body("{}").when().post(ORDERS)
                    .then().statusCode(400);
        }
        Response limited = Clients.withKey(Clients.LIMITED_KEY).contentType(ContentType.JSON).body("{}")
                .when().post(ORDERS);
        limited.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429));
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 20L);

        Clients.intake().contentType(ContentType.JSON).body("{}").when().post(ORDERS).then().statusCode(400);
    }
}
