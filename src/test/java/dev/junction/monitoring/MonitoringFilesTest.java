package dev.junction.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The shape of kubernetes/monitoring: a PrometheusRule the Prometheus Operator accepts, every alert with what an
 * on-call person needs (severity, summary, description, a for duration), and a Grafana dashboard with the panels the
 * README promises, on a datasource chosen at import. Which metrics they read is MonitoringAsCodeTest's part.
 */
class MonitoringFilesTest {

    static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    static final List<String> PANELS = List.of("Throughput by integration", "Failure ratio", "Latency p50 / p99",
            "SLO status", "Error-budget burn rate", "Dead letters pending",
            "Dead letters recorded, replayed, discarded", "Dead-letter journal", "Routes not running",
            "Route reload failures");
    static final String DATASOURCE = "${DS_PROMETHEUS}";

    @Test
    void theRulesAreAPrometheusRuleWhoseAlertsSayWhatAndHowBad() {
        JsonNode rules = MonitoringFiles.alerts();
        assertThat(rules.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rules.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(rules.path("metadata").path("name").asText()).isNotBlank();
        assertThat(rules.path("spec").path("groups")).isNotEmpty();

        Set<String> alerts = new HashSet<>();
        for (JsonNode group : rules.path("spec").path("groups")) {
            assertThat(group.path("name").asText()).as("a group's name").isNotBlank();
            assertThat(group.path("rules")).as("rules of group %s", group.path("name").asText()).isNotEmpty();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(alert).as("alert name in group %s", group.path("name").asText()).matches("[A-Z]\\w+");
                assertThat(alerts.add(alert)).as("%s is unique", alert).isTrue();
                assertThat(rule.path("expr").asText()).as("expr of %s", alert).isNotBlank();
                assertThat(rule.path("for").asText()).as("for of %s", alert).matches("([0-9]+(ms|[smhdwy]))+");
                assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", alert)
                        .isIn(SEVERITIES);
                assertThat(rule.path("annotations").path("summary").asText()).as("summary of %s", alert)
                        .isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as("description of %s", alert)
                        .isNotBlank();
            }
        }
        assertThat(alerts).contains("JunctionErrorBudgetFastBurn", "JunctionErrorBudgetSlowBurn",
                "JunctionLatencySloBreached", "JunctionDeadLettersPending", "JunctionDeadLettersGrowing",
                "JunctionDeadLetterJournalNotDraining", "JunctionRouteFileRefused", "JunctionRouteNotRunning");
    }

    @Test
    void theDashboardHasThePanelsTheReadmePromises() {
        JsonNode dashboard = MonitoringFiles.dashboard();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        List<JsonNode> panels = MonitoringFiles.panels(dashboard);
        assertThat(panels).extracting(panel -> panel.path("title").asText()).containsAll(PANELS);

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("id of panel %s is unique", title).isTrue();
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("datasource").path("uid").asText()).as("datasource of %s", title)
                        .isEqualTo(DATASOURCE);
                assertThat(panel.path("targets")).as("queries of %s", title).isNotEmpty();
                panel.path("targets").forEach(target -> assertThat(target.path("expr").asText())
                        .as("query %s of %s", target.path("refId").asText(), title).isNotBlank());
            }
        }
        assertThat(expressions(panel(panels, "Latency p50 / p99")))
                .anyMatch(expr -> expr.startsWith("histogram_quantile(0.5,")
                        && expr.contains("junction_route_latency_seconds_bucket"))
                .anyMatch(expr -> expr.startsWith("histogram_quantile(0.99,")
                        && expr.contains("junction_route_latency_seconds_bucket"));
        assertThat(expressions(panel(panels, "Error-budget burn rate")))
                .allMatch(expr -> expr.contains("junction_route_slo_success_ratio_target"));
    }

    @Test
    void theDatasourceIsChosenWhereTheDashboardIsLoadedAndIntegrationsAreAVariable() {
        JsonNode variables = MonitoringFiles.dashboard().path("templating").path("list");
        JsonNode datasource = variable(variables, "DS_PROMETHEUS");
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");

        JsonNode route = variable(variables, "route");
        assertThat(route.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE);
        assertThat(route.path("query").path("query").asText())
                .isEqualTo("label_values(junction_route_exchanges_total, route)");
        assertThat(route.path("includeAll").asBoolean()).isTrue();
        assertThat(route.path("allValue").asText()).isEqualTo(".*");
    }

    private static JsonNode panel(List<JsonNode> panels, String title) {
        return panels.stream().filter(panel -> title.equals(panel.path("title").asText())).findFirst().orElseThrow();
    }

    private static List<String> expressions(JsonNode panel) {
        List<String> expressions = new ArrayList<>();
        panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        return expressions;
    }

    private static JsonNode variable(JsonNode variables, String name) {
        return StreamSupport.stream(variables.spliterator(), false)
                .filter(variable -> name.equals(variable.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no template variable " + name + " in the dashboard; it has "
                        + StreamSupport.stream(variables.spliterator(), false)
                                .map(variable -> variable.path("name").asText()).collect(Collectors.joining(", "))));
    }
}
