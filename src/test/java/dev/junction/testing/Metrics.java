package dev.junction.testing;

import static io.restassured.RestAssured.given;

import java.util.Arrays;

/** Series read from the application's /q/metrics, as Prometheus scrapes it. */
public final class Metrics {

    private Metrics() {
    }

    /** The scrape in Prometheus' text format (OpenMetrics, the default, appends trace exemplars after values). */
    public static String scrape() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of the metric's series whose labels contain every fragment (e.g. {@code route="x"}); 0 when none. */
    public static double sum(String name, String... labelFragments) {
        return scrape().lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> Arrays.stream(labelFragments).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
