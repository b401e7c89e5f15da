package dev.junction.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The dashboard and the alert rules in kubernetes/monitoring, parsed, and the PromQL expressions in them with where
 * each one is: a panel's query, a template variable's query, an alert's expr.
 */
final class MonitoringFiles {

    static final Path DASHBOARD = Path.of("kubernetes/monitoring/junction-dashboard.json");
    static final Path ALERTS = Path.of("kubernetes/monitoring/junction-alerts.yaml");

    private MonitoringFiles() {
    }

    static JsonNode dashboard() {
        return read(new ObjectMapper(), DASHBOARD);
    }

    static JsonNode alerts() {
        return read(new ObjectMapper(new YAMLFactory()), ALERTS);
    }

    /** Every panel, the ones inside collapsed rows too. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    static List<Query> dashboardQueries(String file, JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                queries.add(new Query(file, "variable " + variable.path("name").asText(),
                        query.isObject() ? query.path("query").asText() : query.asText()));
            }
        }
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(file, "panel \"" + panel.path("title").asText() + "\" query "
                        + target.path("refId").asText(), target.path("expr").asText()));
            }
        }
        return queries;
    }

    static List<Query> alertQueries(String file, JsonNode rules) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode group : rules.path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? "alert " + rule.path("alert").asText()
                        : "record " + rule.path("record").asText();
                queries.add(new Query(file, name, rule.path("expr").asText()));
            }
        }
        return queries;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
