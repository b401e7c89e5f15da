package dev.junction.runtime.startup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.junction.testing.KafkaTestResource;
import dev.junction.testing.OwnServices;
import dev.junction.testing.PostgresTestResource;
import dev.junction.testing.TempDirs;

/**
 * Junction as a user deploys it: a routes directory with one route of their own, plain Camel YAML without an id,
 * and none of the samples. Only the services the runtime itself needs (Kafka, PostgreSQL) are there; no inventory
 * service and no setting that only a sample needs. It starts, serves the route, and is ready.
 */
@QuarkusTest
@TestProfile(WithoutSamplesTest.OneUserRoute.class)
class WithoutSamplesTest {

    static final Path DIR = Path.of("target/routes-without-samples");

    public static class OneUserRoute extends OwnServices {

        public OneUserRoute() {
            super(KafkaTestResource.class, PostgresTestResource.class);
        }

        @Override
        protected void prepare() {
            TempDirs.deleteQuietly(DIR);
            try {
                Files.createDirectories(DIR);
                Files.writeString(DIR.resolve("hello.yaml"), """
                        - route:
                            from:
                              uri: platform-http:/hello
                              steps:
                                - setHeader:
                                    name: Content-Type
                                    constant: text/plain
                                - setBody:
                                    constant: Hello from my route
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected Map<String, String> computedOverrides() {
            return Map.of("junction.routes.dir", DIR.toString());
        }
    }

    @Test
    void servesTheUserRoute() {
        given().when().get("/hello")
                .then().statusCode(200).body(equalTo("Hello from my route"));
    }

    @Test
    void isReady() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }
}
