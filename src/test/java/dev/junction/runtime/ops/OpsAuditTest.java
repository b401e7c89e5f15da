package dev.junction.runtime.ops;

import static dev.junction.testing.DeadLetters.OPERATOR_NAME;
import static dev.junction.testing.DeadLetters.operator;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import dev.junction.testing.AddedRoute;
import dev.junction.testing.AuditLog;
import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.FailingOrders;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;

/**
 * The operations audit: who did what, as Quarkus authenticated the caller (the API client's name, the JWT's user),
 * never as the caller says; readable by viewers.
 */
@QuarkusTest
class OpsAuditTest {

    @Inject
    KafkaTopics topics;

    @Inject
    CamelContext camel;

    @Inject
    DeadLetters deadLetters;

    @Inject
    FailingOrders failingOrders;

    @Test
    void theAuditNamesTheAuthenticatedCallerOfEachAction() throws Exception {
        // A replay with an edited body: the poison record is fixed by hand.
        String key = "poison-" + Orders.newId();
        topics.send(STANDARD, null, key, "{\"orderId\": oops");
        String poison = deadLetters.awaitForKey(key);
        // What the client says it is counts for nothing: the actor is who the key authenticates.
        Response replay = operator().header("CamelVertxPlatformHttpAuthenticatedUser", "mallory")
                .body(Map.of("body", Orders.withSkus(Orders.newId(), Orders.newSku())))
                .when().post(DeadLetters.PATH + "/" + poison + "/replay");
        replay.then().statusCode(200).body("outcome", equalTo("REPLAYED"));
        // Nor is the authenticated user echoed back.
        assertThat(replay.headers().asList()).noneMatch(header -> header.getName().toLowerCase(Locale.ROOT)
                .contains("authenticated"));

        String discarded = failingOrders.deadLetter(Orders.newId(), Orders.newSku());
        operator().body(Map.of("reason", "customer cancelled")).when()
                .post(DeadLetters.PATH + "/" + discarded + "/discard").then().statusCode(200);

        try (AddedRoute route = AddedRoute.start(camel, "test-audited", routes -> routes
                .from("direct:test-audited").routeId("test-audited")
                .description("A route for operators to suspend and resume").log("${body}"))) {
            operator().when().post("/api/ops/routes/test-audited/suspend").then().statusCode(200);
            // With a JWT, the actor is the token's user (upn).
            Clients.withToken(Clients.token("ops-jwt", "operator")).when()
                    .post("/api/ops/routes/test-audited/resume").then().statusCode(200);
        }

        List<Map<String, Object>> entries = AuditLog.latest(10).getList("items");
        assertThat(entries).extracting(e -> e.get("action"), e -> e.get("target"), e -> e.get("actor"))
                .containsSubsequence(
                        tuple("resume-route", "test-audited", "ops-jwt"),
                        tuple("suspend-route", "test-audited", OPERATOR_NAME),
                        tuple("discard-dead-letter", discarded, OPERATOR_NAME),
                        tuple("replay-dead-letter", poison, OPERATOR_NAME));
        assertThat(detailOf(entries, "replay-dead-letter", poison)).isEqualTo("REPLAYED, edited yes, forced no");
        assertThat(detailOf(entries, "discard-dead-letter", discarded)).isEqualTo("customer cancelled");
        assertThat(detailOf(entries, "suspend-route", "test-audited")).isEqualTo("now Suspended");
        assertThat(entries).allSatisfy(entry -> assertThat((String) entry.get("at")).isNotBlank());
        // The dead letters name who acted on them, too.
        assertThat(deadLetters.get(poison).getList("replays.by")).containsExactly(OPERATOR_NAME);
        assertThat(deadLetters.get(discarded).getString("discardedBy")).isEqualTo(OPERATOR_NAME);

        assertThat(AuditLog.latest(1).getList("items")).hasSize(1);
        operator().queryParam("limit", 501).when().get(AuditLog.PATH).then().statusCode(400)
                .body("detail", containsString("limit must be a whole number from 1 to 500"));
    }

    @Test
    void viewersReadTheAuditAndIntakeClientsDoNot() {
        Clients.withToken(Clients.token("ops-viewer", "viewer")).when().get(AuditLog.PATH).then().statusCode(200);
        Clients.intake().when().get(AuditLog.PATH).then().statusCode(403);
    }

    private static String detailOf(List<Map<String, Object>> entries, String action, String target) {
        return entries.stream().filter(e -> action.equals(e.get("action")) && target.equals(e.get("target")))
                .map(e -> (String) e.get("detail")).findFirst().orElseThrow();
    }
}
