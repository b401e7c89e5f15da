package dev.junction.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.List;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Clients;
import dev.junction.testing.Orders;
import dev.junction.testing.SelfSignedCertificate;

/**
 * Junction serving HTTPS with a certificate made for the test (quarkus.http.ssl.*): a client that trusts exactly that
 * certificate, and verifies the host name against it, reaches health and posts an order with its API key.
 */
@QuarkusTest
@TestProfile(HttpsTest.Tls.class)
class HttpsTest {

    public static class Tls implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SelfSignedCertificate.class));
        }
    }

    @TestHTTPResource(tls = true)
    URL https;

    @Test
    void healthAndIntakeAnswerOverHttpsWithTheTestCertificate() {
        overHttps().when().get("/q/health/live").then().statusCode(200);

        String orderId = Orders.newId();
        overHttps().header("X-API-Key", Clients.INTAKE_KEY).contentType(ContentType.JSON)
                .body(Orders.order(orderId, "express", "DE")).when().post("/api/v1/orders")
                .then().statusCode(202).body("orderId", equalTo(orderId));
        overHttps().when().post("/api/v1/orders").then().statusCode(401);
    }

    private RequestSpecification overHttps() {
        return given().baseUri("https://localhost").port(https.getPort())
                .config(RestAssured.config().sslConfig(SSLConfig.sslConfig()
                        .trustStore(SelfSignedCertificate.KEY_STORE.toAbsolutePath().toString(),
                                SelfSignedCertificate.PASSWORD)
                        .trustStoreType("PKCS12")));
    }
}
