package dev.junction.runtime.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.Orders;

/**
 * Who gets in, through real HTTP requests: API keys (hashed in the configuration, two active while one is rotated)
 * and JWT bearer tokens signed with the test key pair; roles per path (intake for /api/v1, operator for /api/ops);
 * 401 and 403 with problem bodies; health and metrics open.
 */
@QuarkusTest
class AuthenticationTest {

    private static final String ORDERS = "/api/v1/orders";
    private static final String OPS = "/api/ops/routes";

    @Test
    void noCredentialIsA401ProblemNamingBothWaysIn() {
        Response response = given().contentType(ContentType.JSON).body(Orders.order(Orders.newId(), "express", "DE"))
                .when().post(ORDERS);
        response.then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("title", equalTo("Authentication required"))
                .body("instance", equalTo(ORDERS));
        assertThat(response.headers().getValues("WWW-Authenticate"))
                .containsExactlyInAnyOrder("ApiKey header=\"X-API-Key\"", "Bearer");

        given().when().get(OPS).then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/anything-else").then().statusCode(401);
    }

    @Test
    void anUnknownKeyIsA401ThatDoesNotEchoIt() {
        String guess = "guess-" + Orders.newId();
        String body = Clients.withKey(guess).contentType(ContentType.JSON).body("{}").when().post(ORDERS)
                .then().statusCode(401).contentType("application/problem+json").extract().asString();
        assertThat(body).doesNotContain(guess);
        Clients.withKey(guess).when().get(OPS).then().statusCode(401);
    }

    @Test
    void aValidKeyWithTheWrongRoleIsA403Problem() {
        Clients.operator().contentType(ContentType.JSON).body(Orders.order(Orders.newId(), "express", "DE"))
                .when().post(ORDERS)
                .then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("title", equalTo("Not allowed")).body("instance", equalTo(ORDERS));
        Clients.intake().when().get(OPS)
                .then().statusCode(403).contentType("application/problem+json").body("instance", equalTo(OPS));
    }

    @Test
    void aValidKeyWithTheRightRoleGetsIn() {
        String orderId = Orders.newId();
        Clients.intake().contentType(ContentType.JSON).body(Orders.order(orderId, "express", "DE"))
                .when().post(ORDERS)
                .then().statusCode(202).body("orderId", equalTo(orderId))
                .header("X-API-Key", (String) null);
        Clients.operator().when().get(OPS).then().statusCode(200);
    }

    @Test
    void duringARotationBothKeysOfTheClientWork() {
        for (String key : new String[] { Clients.ROTATED_OLD_KEY, Clients.ROTATED_NEW_KEY }) {
            String orderId = Orders.newId();
            Clients.withKey(key).contentType(ContentType.JSON).body(Orders.order(orderId, "standard", "DE"))
                    .when().post(ORDERS)
                    .then().statusCode(202).body("orderId", equalTo(orderId));
        }
    }

    @Test
    void aSignedJwtWithTheRightGroupGetsIn() {
        String orderId = Orders.newId();
        Clients.withToken(Clients.token("partner-jwt", "intake")).contentType(ContentType.JSON)
                .body(Orders.order(orderId, "express", "DE"))
                .when().post(ORDERS)
                .then().statusCode(202).body("orderId", equalTo(orderId));
        Clients.withToken(Clients.token("ops-jwt", "operator")).when().get(OPS).then().statusCode(200);
    }

    @Test
    void aViewerReadsTheOperationsApiButChangesNothing() {
        String viewer = Clients.token("ops-viewer", "viewer");
        Clients.withToken(viewer).when().get(OPS).then().statusCode(200);
        Clients.withToken(viewer).when().get("/api/ops/dead-letters").then().statusCode(200);
        Clients.withToken(viewer).when().get("/api/ops/route-files").then().statusCode(200);
        // Refused before anything is looked up: an operator asking the same gets the route's own 404.
        Clients.withToken(viewer).when().post(OPS + "/no-such-route/suspend")
                .then().statusCode(403).contentType("application/problem+json");
        Clients.operator().when().post(OPS + "/no-such-route/suspend").then().statusCode(404);
        Clients.withToken(viewer).contentType(ContentType.JSON).body("{\"ids\": [\"x\"]}")
                .when().post("/api/ops/dead-letters/replay")
                .then().statusCode(403).contentType("application/problem+json");
        Clients.withToken(viewer).contentType(ContentType.JSON).body("{\"reason\": \"r\"}")
                .when().post("/api/ops/dead-letters/00000000-0000-0000-0000-000000000000/discard")
                .then().statusCode(403);
        // Reading is not the intake role's.
        Clients.intake().when().get("/api/ops/dead-letters").then().statusCode(403);
    }

    @Test
    void aJwtWithTheWrongGroupIsA403() {
        Clients.withToken(Clients.token("ops-jwt", "operator")).contentType(ContentType.JSON).body("{}")
                .when().post(ORDERS)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void jwtsThatDoNotVerifyAre401() throws Exception {
        String wrongIssuer = Jwt.issuer("https://someone.else/").audience(Clients.AUDIENCE).subject("x")
                .groups(Set.of("intake")).sign(Clients.privateKey());
        String wrongAudience = Jwt.issuer(Clients.ISSUER).audience("another-service").subject("x")
                .groups(Set.of("intake")).sign(Clients.privateKey());
        String expired = Jwt.issuer(Clients.ISSUER).audience(Clients.AUDIENCE).subject("x").groups(Set.of("intake"))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(Clients.privateKey());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String otherKey = Jwt.issuer(Clients.ISSUER).audience(Clients.AUDIENCE).subject("x").groups(Set.of("intake"))
                .sign(generator.generateKeyPair().getPrivate());

        for (String token : new String[] { wrongIssuer, wrongAudience, expired, otherKey, "not-a-jwt" }) {
            Clients.withToken(token).contentType(ContentType.JSON).body("{}").when().post(ORDERS)
                    .then().statusCode(401).contentType("application/problem+json")
                    .body(not(containsString(token)));
        }
    }

    @Test
    void healthAndMetricsStayOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(not(equalTo(401)));
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentNamesBothSchemes() {
        given().when().get("/openapi").then().statusCode(200)
                .body("components.securitySchemes.keySet()", hasItems("apiKey", "bearer"));
    }
}
