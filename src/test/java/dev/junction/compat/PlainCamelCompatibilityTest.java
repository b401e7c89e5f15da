package dev.junction.compat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;

import dev.junction.testing.CapturedLogs;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.PropertiesProfile;
import dev.junction.testing.TempDirs;

/**
 * Route files written the way the Camel documentation, Kaoto and the {@code camel} CLI write them (no ids, REST DSL,
 * beans, a route template, timer, cron and log, a circuit breaker with a fallback, split and aggregate, a route
 * configuration, placeholders with defaults, both expression shapes), dropped into a routes directory and into the
 * places {@code camel.main.routes-include-pattern} names ({@code file:} and {@code classpath:}): each one runs, its
 * endpoint answers or its log line appears. The files are in src/test/resources/compat.
 */
@QuarkusTest
@TestProfile(PlainCamelCompatibilityTest.PlainCamelFiles.class)
class PlainCamelCompatibilityTest {

    static final Path ROUTES = Path.of("target/compat/routes");
    static final Path INCLUDED = Path.of("target/compat/included");
    static final Path INCLUDED_FILE = INCLUDED.resolve("included.yaml");

    /** Its settings: src/test/resources/profiles/PlainCamelCompatibilityTest.PlainCamelFiles.properties. */
    public static class PlainCamelFiles extends PropertiesProfile {

        @Override
        protected void prepare() {
            TempDirs.deleteQuietly(ROUTES.getParent());
            copy(Path.of("src/test/resources/compat/routes"), ROUTES);
            write(INCLUDED_FILE, included("included v1"));
        }

        @Override
        protected Map<String, String> computedOverrides() {
            return Map.of("junction.routes.dir", ROUTES.toString(), "camel.main.routes-include-pattern",
                    "file:" + INCLUDED + "/*.yaml,classpath:compat/classpath/*.yaml");
        }
    }

    static String included(String text) {
        return """
                # Loaded through camel.main.routes-include-pattern=file:target/compat/included/*.yaml
                - route:
                    from:
                      uri: platform-http:/compat/included
                      steps:
                        - setBody:
                            simple:
                              expression: "%s"
                """.formatted(text);
    }

    @Inject
    CamelContext camel;

    @Test
    void restDslWithoutIdsAnswersUnderIdsNamedByFileAndPosition() {
        given().queryParam("name", "Ada").get("/compat/hello").then().statusCode(200)
                .body(equalTo("Hello, Ada"));
        given().body("ping").post("/compat/echo").then().statusCode(200).body(equalTo("echo: ping"));

        assertThat(camel.getRoutes().stream().map(Route::getRouteId))
                .contains("rest-dsl-1", "rest-dsl-2", "rest-dsl-3", "rest-dsl-4");
    }

    @Test
    void aBeanDeclaredInYamlIsCalledByMethod() {
        given().get("/compat/visits").then().statusCode(200).body(equalTo("42"));
        given().get("/compat/visits").then().statusCode(200).body(equalTo("43"));
    }

    @Test
    void aTemplatedRouteRunsWithItsParameters() {
        given().get("/compat/templated").then().statusCode(200).body(equalTo("Howdy from a template"));
    }

    @Test
    void timerCronAndKaotoRoutesLog() {
        // Timers and schedules: they log on their own.
        assertLogMentions("Hello Camel from timer-log-1", "cron tick from cron-1", "Hello from Kaoto");
    }

    @Test
    void aCircuitBreakerAnswersWithItsFallback() {
        given().get("/compat/breaker").then().statusCode(200).body(equalTo("answered by the fallback"));
    }

    @Test
    void splitPartsAreAggregatedBack() {
        assertLogMentions(() -> given().body("a,b,c").post("/compat/split").then().statusCode(200)
                .body(equalTo("split")), "aggregated A+B+C");
    }

    @Test
    void aRouteConfigurationHandlesTheRoutesErrors() {
        given().get("/compat/configured").then().statusCode(422).body(equalTo("refused: the order has no lines"));
    }

    @Test
    void aClassPathRouteNamedByTheIncludePatternRuns() {
        given().get("/compat/classpath").then().statusCode(200).body(equalTo("from the class path"));
        assertThat(camel.getRoute("from-classpath-1")).isNotNull();
    }

    @Test
    void aFileNamedByTheIncludePatternIsValidatedAndReloaded() {
        given().get("/compat/included").then().statusCode(200).body(equalTo("included v1"));

        write(INCLUDED_FILE, included("included v2"));
        awaitIncluded("included v2");

        write(INCLUDED_FILE, included("included v3").replace("setBody", "setBodyy"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> DeadLetters.operator().get("/api/ops/route-files").then().statusCode(200).extract()
                        .jsonPath()
                        .getList("refused", String.class), refused -> refused.contains(INCLUDED_FILE.toString()));
        given().get("/compat/included").then().statusCode(200).body(equalTo("included v2"));

        write(INCLUDED_FILE, included("included v1"));
        awaitIncluded("included v1");
    }

    private static void assertLogMentions(String... texts) {
        assertLogMentions(() -> {
        }, texts);
    }

    /** Does what {@code action} does, then waits until what is logged from its start mentions each text. */
    private static void assertLogMentions(Runnable action, String... texts) {
        try (CapturedLogs logs = CapturedLogs.start()) {
            action.run();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(texts)
                    .allSatisfy(text -> assertThat(logs.mentioning(text)).as(text).isNotEmpty()));
        }
    }

    private static void awaitIncluded(String text) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get("/compat/included").then().statusCode(200).body(equalTo(text)));
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
