package dev.junction.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Test-side access to the dead-letter store: finds a test's dead letters in the table, then reads and drives them
 * through the operations API like an operator would.
 */
public final class DeadLetters {

    public static final String PATH = "/api/ops/dead-letters";
    /** The operator's API key ({@link Clients#OPERATOR_KEY}). */
    public static final String API_KEY = Clients.OPERATOR_KEY;
    /** The name that key authenticates as: who replays, discards and appears in the audit. */
    public static final String OPERATOR_NAME = "testoperator";

    private final Rows rows;

    public DeadLetters(Rows rows) {
        this.rows = rows;
    }

    /** A request as an operator sends it: with the operator key. */
    public static RequestSpecification operator() {
        return Clients.operator().contentType(ContentType.JSON);
    }

    /** Waits for the dead letter of the Kafka record with this key, and returns its id. */
    public String awaitForKey(String key) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> idForKey(key), id -> id != null);
    }

    /** By the plaintext message_key column: the headers that also carry kafka.KEY are encrypted. */
    public String idForKey(String key) {
        List<Map<String, Object>> found = rows.query("SELECT id FROM dead_letter WHERE message_key = ?", key);
        return found.isEmpty() ? null : (String) found.get(0).get("id");
    }

    /** The dead-letter metrics (junction_dead_letters_*) of one route, by name, as /q/metrics shows them now. */
    public static Map<String, Double> metrics(String route) {
        // Prometheus' text format: OpenMetrics, the default, appends a trace exemplar after the value.
        String text = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        Map<String, Double> values = new HashMap<>();
        text.lines().filter(line -> line.startsWith("junction_dead_letters_")
                && line.contains("route=\"" + route + "\""))
                .forEach(line -> values.put(line.substring(0, line.indexOf('{')),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
        return values;
    }

    /** GET one, expecting it to exist. */
    public JsonPath get(String id) {
        return operator().when().get(PATH + "/" + id).then().statusCode(200).extract().jsonPath();
    }
}
