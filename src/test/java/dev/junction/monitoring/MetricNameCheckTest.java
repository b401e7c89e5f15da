package dev.junction.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/**
 * A metric the app does not export fails the check with the file, the panel or alert and the metric named; shown on
 * a hand-written scrape, and on the real dashboard and alerts with one name misspelt.
 */
class MetricNameCheckTest {

    static final Scrape SCRAPE = Scrape.parse("""
            # HELP junction_route_exchanges_total Exchanges of an integration, by outcome
            # TYPE junction_route_exchanges_total counter
            junction_route_exchanges_total{outcome="failure",route="post-order"} 0.0
            junction_route_latency_seconds_bucket{route="post-order",le="0.5"} 2.0
            junction_route_latency_seconds_count{route="post-order"} 2.0
            junction_route_reload_failed_files 0.0
            """);

    @Test
    void aBogusNameIsReportedWithFilePlaceAndName() {
        List<String> problems = new MetricNameCheck(SCRAPE).problems(List.of(
                new Query("kubernetes/monitoring/junction-alerts.yaml", "alert JunctionSomething",
                        "sum by (route) (rate(junction_route_exchanges_totl[5m])) / sum by (route)"
                                + " (rate(junction_route_exchanges_total[5m]))"),
                new Query("kubernetes/monitoring/junction-alerts.yaml", "alert JunctionFine",
                        "junction_route_reload_failed_files > 0")));

        assertThat(problems).containsExactly("kubernetes/monitoring/junction-alerts.yaml: alert JunctionSomething:"
                + " metric junction_route_exchanges_totl is not in /q/metrics");
    }

    @Test
    void aHistogramCountsAsPresentByTheSeriesScraped() {
        List<String> problems = new MetricNameCheck(SCRAPE).problems(List.of(new Query("f", "panel \"p\" query A",
                "histogram_quantile(0.99, sum by (le) (rate(junction_route_latency_seconds_bucket[5m])))"
                        + " + junction_route_latency_seconds_count + junction_route_latency_seconds_sum")));

        assertThat(problems).containsExactly("f: panel \"p\" query A: metric junction_route_latency_seconds_sum is"
                + " not in /q/metrics");
    }

    @Test
    void unreadableAndEmptyExpressionsAreProblemsToo() {
        assertThat(new MetricNameCheck(SCRAPE).problems(List.of(new Query("f", "alert A", "sum(rate(x[5m])"),
                new Query("f", "alert B", "vector(1)")))).containsExactly(
                        "f: alert A: cannot read the expression (unbalanced '(': 1 left open): sum(rate(x[5m])",
                        "f: alert B: reads no metric: vector(1)");
    }

    @Test
    void aMisspeltNameInTheRealDashboardNamesItsPanel() throws Exception {
        String file = MonitoringFiles.DASHBOARD.toString();
        JsonNode dashboard = new ObjectMapper().readTree(misspelt(MonitoringFiles.DASHBOARD));
        List<Query> queries = MonitoringFiles.dashboardQueries(file, dashboard);

        assertThat(new MetricNameCheck(scrapeOfAllBut(queries)).problems(queries)).containsExactly(file
                + ": panel \"Route reload failures\" query A: metric junction_route_reload_failed_filez is not in"
                + " /q/metrics");
    }

    /** The example in kubernetes/monitoring/README.md. */
    @Test
    void aMisspeltNameInTheRealAlertsNamesItsAlert() throws Exception {
        String file = MonitoringFiles.ALERTS.toString();
        JsonNode alerts = new ObjectMapper(new YAMLFactory()).readTree(misspelt(MonitoringFiles.ALERTS));
        List<Query> queries = MonitoringFiles.alertQueries(file, alerts);

        assertThat(new MetricNameCheck(scrapeOfAllBut(queries)).problems(queries)).containsExactly(file
                + ": alert JunctionRouteFileRefused: metric junction_route_reload_failed_filez is not in /q/metrics");
    }

    private static String misspelt(Path file) throws IOException {
        return Files.readString(file).replace("junction_route_reload_failed_files",
                "junction_route_reload_failed_filez");
    }

    /** A scrape with every metric the queries read, except the misspelt one. */
    private static Scrape scrapeOfAllBut(List<Query> queries) {
        return Scrape.parse(String.join("\n", queries.stream().flatMap(query -> PromQl.metricNames(query.expr())
                .stream()).filter(name -> !name.endsWith("_filez")).map(name -> name + " 1").toList()));
    }
}
