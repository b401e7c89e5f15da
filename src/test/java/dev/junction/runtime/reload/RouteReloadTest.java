package dev.junction.runtime.reload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.junction.testing.CapturedLogs;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.Metrics;
import dev.junction.testing.PropertiesProfile;
import dev.junction.testing.TempDirs;

/**
 * Hot reload, through the route files of a running Junction: edits are live within the reload window, a broken edit
 * keeps the previous routes serving and is reported with file:line, deleting a file removes its routes, and requests
 * in flight on other routes finish. The profile points Junction at a directory of its own, so nothing here touches
 * routes/.
 */
@QuarkusTest
@TestProfile(RouteReloadTest.OwnRouteDirectory.class)
class RouteReloadTest {

    static final Path DIR = Path.of("target/route-reload");
    static final Path GREETING = DIR.resolve("greeting.yaml");
    static final Path SLOW = DIR.resolve("slow.yaml");
    static final Path EXTRA = DIR.resolve("extra.yaml");
    private static final Logger LOG = Logger.getLogger(RouteReloadTest.class);

    /** Its settings: src/test/resources/profiles/RouteReloadTest.OwnRouteDirectory.properties. */
    public static class OwnRouteDirectory extends PropertiesProfile {

        @Override
        protected void prepare() {
            TempDirs.deleteQuietly(DIR);
            write(GREETING, greeting("hello v1"));
            write(SLOW, SLOW_ROUTE);
        }

        @Override
        protected Map<String, String> computedOverrides() {
            return Map.of("junction.routes.dir", DIR.toString());
        }
    }

    static final String SLOW_ROUTE = """
            # Answers after 1.5 s: requests in flight while other files reload.
            - route:
                id: slow
                description: Answers slowly
                from:
                  uri: platform-http:/reload/slow
                  steps:
                    - delay:
                        constant: 1500
                    - setBody:
                        constant: slow done
            """;

    /** A REST DSL service and the route behind it, as the sample integrations are written. */
    static String greeting(String text) {
        return """
                # The greeting, edited by RouteReloadTest while Junction runs.
                - rest:
                    path: /reload
                    get:
                      - path: /greeting
                        id: get-greeting
                        routeId: get-greeting
                        to: direct:greeting
                - route:
                    id: greeting
                    description: Answers the greeting
                    from:
                      uri: direct:greeting
                      steps:
                        - setBody:
                            constant: %s
                """.formatted(text);
    }

    @Inject
    CamelContext camel;

    @BeforeEach
    void greetingServesItsFirstVersion() {
        write(GREETING, greeting("hello v1"));
        deleteQuietly(EXTRA);
        awaitGreeting("hello v1");
        await().atMost(Duration.ofSeconds(10)).until(() -> refused().isEmpty());
    }

    @Test
    void aSavedEditIsServedWithinTheReloadWindow() {
        long saved = System.nanoTime();
        write(GREETING, greeting("hello v2"));
        awaitGreeting("hello v2");
        LOG.infof("Edit served %d ms after it was saved", (System.nanoTime() - saved) / 1_000_000);

        JsonPath lastReload = lastReloadOf(GREETING);
        assertThat(lastReload.getBoolean("ok")).isTrue();
        assertThat(lastReload.getString("change")).isEqualTo("changed");
        assertThat(lastReload.getList("routes", String.class)).containsExactlyInAnyOrder("get-greeting", "greeting");
        assertThat(camel.getRoute("greeting").getSourceLocation()).startsWith("file:" + GREETING);
    }

    @Test
    void aBrokenEditKeepsThePreviousRoutesAndSaysWhereItIsBroken() {
        write(GREETING, greeting("hello v1").replace("- setBody:", "- setBodyy:"));

        JsonPath refused = awaitReloadOf(GREETING, false);
        assertThat(refused.getList("problems", String.class))
                .containsExactly(GREETING + ":15: Unknown node id: setBodyy");
        assertThat(refused().contains(GREETING.toString())).isTrue();
        assertThat(metric("junction_route_reload_failed_files")).isEqualTo(1.0);
        assertThat(greetingNow()).isEqualTo("hello v1");

        write(GREETING, greeting("hello v3"));
        awaitGreeting("hello v3");
        assertThat(refused()).isEmpty();
        assertThat(metric("junction_route_reload_failed_files")).isEqualTo(0.0);
    }

    @Test
    void anEditThatValidatesButCannotStartIsRolledBack() {
        write(GREETING, greeting("hello v1").replace("- setBody:", "- bean:")
                .replace("constant: hello v1", "ref: noSuchBean"));

        JsonPath refused = awaitReloadOf(GREETING, false);
        assertThat(refused.getList("problems", String.class)).singleElement().asString()
                .startsWith(GREETING + ": cannot be started: ").contains("noSuchBean");
        assertThat(greetingNow()).isEqualTo("hello v1");
        assertThat(refused.getList("routes", String.class)).containsExactlyInAnyOrder("get-greeting", "greeting");
    }

    @Test
    void anEditSendingToADirectEndpointNobodyConsumesIsRefused() {
        write(GREETING, greeting("hello v1").replace("to: direct:greeting", "to: direct:greetng"));

        JsonPath refused = awaitReloadOf(GREETING, false);
        assertThat(refused.getList("problems", String.class)).containsExactly(
                GREETING + ":8: direct:greetng is not consumed by any route: a message sent there fails");
        assertThat(greetingNow()).isEqualTo("hello v1");
    }

    @Test
    void addingAFileAddsItsRoutesAndDeletingItRemovesThem() {
        write(EXTRA, """
                - route:
                    id: extra
                    description: Added while running
                    from:
                      uri: platform-http:/reload/extra
                      steps:
                        - setBody:
                            constant: extra
                """);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> given().get("/reload/extra").then().statusCode(200));
        assertThat(lastReloadOf(EXTRA).getString("change")).isEqualTo("added");

        deleteQuietly(EXTRA);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> given().get("/reload/extra").then().statusCode(404));
        assertThat(camel.getRoute("extra")).isNull();
        assertThat(lastReloadOf(EXTRA).getString("change")).isEqualTo("deleted");
        assertThat(camel.getRoute("greeting")).isNotNull();
    }

    @Test
    void requestsInFlightOnOtherRoutesFinishWhileAFileReloads() {
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> given().get("/reload/slow"));
        await().atMost(Duration.ofSeconds(5)).until(() -> camel.getInflightRepository().size("slow") == 1);

        write(GREETING, greeting("hello v4"));
        awaitGreeting("hello v4");

        Response answer = slow.join();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.asString()).isEqualTo("slow done");
    }

    /**
     * Camel's YAML as the camel CLI, Kaoto and the Camel documentation write it: no route ids, a REST verb with a
     * {@code to}, expressions in both shapes. Junction names each route by file and position, logs it once, and a
     * reload replaces the file's routes under the same names.
     */
    @Test
    void plainCamelYamlWithoutIdsLoadsAndReloadsUnderStableIds() {
        Path plain = DIR.resolve("plain.yaml");
        try (CapturedLogs logs = CapturedLogs.start(RouteFiles.class.getName())) {
            write(plain, plainCamel("Hello from plain Camel"));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(
                    () -> given().get("/plain/hello").then().statusCode(200).body(equalTo("Hello from plain Camel")));
            given().queryParam("word", "camel").get("/plain-rest/shout").then().statusCode(200).body(equalTo("CAMEL"));
            JsonPath files = DeadLetters.operator().get("/api/ops/route-files").then().statusCode(200).extract()
                    .jsonPath();
            assertThat(files.getList("files.'" + plain + "'", String.class))
                    .containsExactlyInAnyOrder("plain-1", "plain-2", "plain-3");
            assertThat(logs.mentioning("routes without an id are named")).extracting(CapturedLogs.Line::message)
                    .containsExactly(plain + ": routes without an id are named plain-1, plain-2, plain-3"
                            + " (file name and position)");

            write(plain, plainCamel("Hello again"));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(
                    () -> given().get("/plain/hello").then().statusCode(200).body(equalTo("Hello again")));
            assertThat(awaitReloadOf(plain, true).getList("routes", String.class))
                    .containsExactlyInAnyOrder("plain-1", "plain-2", "plain-3");
            given().queryParam("word", "again").get("/plain-rest/shout").then().statusCode(200).body(equalTo("AGAIN"));
        } finally {
            deleteQuietly(plain);
        }
    }

    static String plainCamel(String greeting) {
        return """
                - route:
                    from:
                      uri: platform-http:/plain/hello
                      steps:
                        - setBody:
                            constant: %s
                - rest:
                    path: /plain-rest
                    get:
                      - path: /shout
                        to: direct:shout
                - route:
                    from:
                      uri: direct:shout
                      steps:
                        - setBody:
                            simple:
                              expression: "${header.word.toUpperCase()}"
                """.formatted(greeting);
    }

    @Test
    void theOperationsViewNeedsTheOperatorKey() {
        given().get("/api/ops/route-files").then().statusCode(401);
        JsonPath files = DeadLetters.operator().get("/api/ops/route-files").then().statusCode(200).extract().jsonPath();
        assertThat(files.getList("files.'" + GREETING + "'", String.class))
                .containsExactlyInAnyOrder("get-greeting", "greeting");
        assertThat(files.getList("files.'" + SLOW + "'", String.class)).containsExactly("slow");
    }

    private static void awaitGreeting(String text) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(RouteReloadTest::greetingNow, text::equals);
    }

    private static String greetingNow() {
        Response response = given().get("/reload/greeting");
        return response.statusCode() == 200 ? response.asString() : "HTTP " + response.statusCode();
    }

    private static JsonPath awaitReloadOf(Path file, boolean ok) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> lastReloadOf(file), reload -> reload != null && reload.getBoolean("ok") == ok);
    }

    /** The newest reload of this file that the operations API reports, or null. */
    private static JsonPath lastReloadOf(Path file) {
        List<Map<String, Object>> reloads = DeadLetters.operator().get("/api/ops/route-files").then().statusCode(200)
                .extract().jsonPath().getList("reloads");
        return reloads.stream().filter(reload -> file.toString().equals(reload.get("file"))).findFirst()
                .map(RouteReloadTest::asJson).orElse(null);
    }

    private static JsonPath asJson(Map<String, Object> map) {
        return JsonPath.from(new ObjectMapper().valueToTree(map).toString());
    }

    private static List<String> refused() {
        return DeadLetters.operator().get("/api/ops/route-files").then().statusCode(200).extract().jsonPath()
                .getList("refused", String.class);
    }

    private static double metric(String name) {
        return Metrics.sum(name);
    }

    /**
     * Saves the way most editors do, all at once (a temp file renamed over the old one), so a check never sees half
     * a file; what a check that does see a partial save does is the reloader's business, not these tests'.
     */
    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path saving = file.resolveSibling("." + file.getFileName() + ".saving");
            Files.writeString(saving, content, StandardCharsets.UTF_8);
            Files.move(saving, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
