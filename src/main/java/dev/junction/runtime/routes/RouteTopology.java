package dev.junction.runtime.routes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelContext;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.util.URISupport;

/**
 * The integrations as a graph, read from Camel's live route model (so a reloaded route file shows at once): every
 * route is a node, and so is every endpoint it consumes from or sends to (an HTTP path, a Kafka topic, an SQL table,
 * a directory, a schedule). A {@code direct:} or {@code seda:} call becomes an edge straight to the route that
 * consumes it. Endpoints that are a route's plumbing rather than an integration's (log, bean, micrometer ...) are
 * left out of the picture; they are still in the route's steps.
 */
@ApplicationScoped
public class RouteTopology {

    /** Schemes that say nothing about how integrations connect. */
    private static final Set<String> PLUMBING = Set.of("log", "bean", "class", "micrometer", "language", "controlbus",
            "dataformat", "validator", "json-validator", "mock", "stub", "xslt", "jsonata", "browse");
    private static final Pattern SQL_TABLE = Pattern.compile(
            "(?i)\\b(?:into|from|update|join|merge\\s+into)\\s+([A-Za-z_][\\w.]*)");
    private static final Set<String> SQL_KEYWORDS = Set.of("set", "select", "values", "lateral", "only");
    private static final int MAX_LABEL = 80;

    private final ModelCamelContext camel;

    public RouteTopology(CamelContext camel) {
        this.camel = (ModelCamelContext) camel;
    }

    /**
     * {@code {"nodes": [{"id", "kind", "label", "route"?, "status"?, "internal"?}], "edges": [{"from", "to"}]}}; a
     * route node's id is {@code route:<routeId>}.
     */
    public ObjectNode graph() {
        List<RouteDefinition> routes = List.copyOf(camel.getRouteDefinitions());
        Map<String, String> consumers = new LinkedHashMap<>();
        for (RouteDefinition route : routes) {
            for (Endpoint from : endpoints(route.getInput().getEndpointUri())) {
                if (from.kind().equals("call")) {
                    consumers.putIfAbsent(from.key(), route.getRouteId());
                }
            }
        }
        Map<String, ObjectNode> nodes = new LinkedHashMap<>();
        Set<String> edges = new LinkedHashSet<>();
        for (RouteDefinition route : routes) {
            String routeNode = "route:" + route.getRouteId();
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", routeNode).put("kind", "route")
                    .put("label", route.getRouteId()).put("route", route.getRouteId())
                    .put("status", String.valueOf(camel.getRouteController().getRouteStatus(route.getRouteId())));
            if (internal(route)) {
                node.put("internal", true);
            }
            nodes.put(routeNode, node);
            for (Endpoint from : endpoints(route.getInput().getEndpointUri())) {
                if (!from.kind().equals("call")) {
                    nodes.putIfAbsent(from.key(), from.node());
                    edges.add(from.key() + "\n" + routeNode);
                }
            }
            for (String uri : sentTo(route)) {
                for (Endpoint to : endpoints(uri)) {
                    if (to.kind().equals("plumbing")) {
                        continue;
                    }
                    String target = to.kind().equals("call") && consumers.containsKey(to.key())
                            ? "route:" + consumers.get(to.key()) : to.key();
                    if (!target.startsWith("route:")) {
                        nodes.putIfAbsent(target, to.node());
                    }
                    edges.add(routeNode + "\n" + target);
                }
            }
        }
        ObjectNode graph = JsonNodeFactory.instance.objectNode();
        ArrayNode nodeArray = graph.putArray("nodes");
        nodes.values().forEach(nodeArray::add);
        ArrayNode edgeArray = graph.putArray("edges");
        for (String edge : edges) {
            String[] ends = edge.split("\n", 2);
            if (nodes.containsKey(ends[1])) {
                edgeArray.addObject().put("from", ends[0]).put("to", ends[1]);
            }
        }
        return graph;
    }

    /** One route's steps as a tree ({@code step}, {@code label}, {@code id}, {@code steps}), from its model. */
    public Optional<ObjectNode> steps(String routeId) {
        RouteDefinition route = camel.getRouteDefinition(routeId);
        if (route == null) {
            return Optional.empty();
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("id", routeId)
                .put("from", label(route.getInput().getEndpointUri()));
        ArrayNode steps = answer.putArray("steps");
        route.getOutputs().forEach(output -> steps.add(step(output, 0)));
        return Optional.of(answer);
    }

    private ObjectNode step(ProcessorDefinition<?> definition, int depth) {
        ObjectNode step = JsonNodeFactory.instance.objectNode().put("step", definition.getShortName())
                .put("label", label(definition.getLabel()));
        if (definition.hasCustomIdAssigned()) {
            step.put("id", definition.getId());
        }
        List<ProcessorDefinition<?>> outputs = definition.getOutputs();
        if (outputs != null && !outputs.isEmpty() && depth < 12) {
            ArrayNode children = step.putArray("steps");
            outputs.forEach(output -> children.add(step(output, depth + 1)));
        }
        return step;
    }

    private static List<String> sentTo(RouteDefinition route) {
        List<String> uris = new ArrayList<>();
        route.getOutputs().forEach(output -> collect(output, uris, 0));
        return uris;
    }

    private static void collect(ProcessorDefinition<?> definition, List<String> uris, int depth) {
        if (definition instanceof SendDefinition<?> send && send.getEndpointUri() != null) {
            uris.add(send.getEndpointUri());
        } else if (definition instanceof ToDynamicDefinition dynamic && dynamic.getUri() != null) {
            uris.add(dynamic.getUri());
        } else if (definition instanceof EnrichDefinition enrich && enrich.getExpression() != null) {
            uris.add(enrich.getExpression().getExpression());
        } else if (definition instanceof PollEnrichDefinition enrich && enrich.getExpression() != null) {
            uris.add(enrich.getExpression().getExpression());
        }
        List<ProcessorDefinition<?>> outputs = definition.getOutputs();
        if (outputs != null && depth < 32) {
            outputs.forEach(output -> collect(output, uris, depth + 1));
        }
    }

    /** Whether a route is one of the operations API's own (false for an unknown route). */
    public boolean internal(String routeId) {
        RouteDefinition route = camel.getRouteDefinition(routeId);
        return route != null && internal(route);
    }

    /** The operations API's own routes: drawn only on request, they would crowd out the integrations. */
    private static boolean internal(RouteDefinition route) {
        String from = route.getInput().getEndpointUri();
        return from.startsWith("direct:ops-") || from.startsWith("rest:") && from.contains(":/api/ops");
    }

    /** The nodes one URI stands for: one, or one per topic of a topic list or per table of an SQL statement. */
    private List<Endpoint> endpoints(String rawUri) {
        String uri = resolve(rawUri);
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? uri.toLowerCase(Locale.ROOT) : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : uri.substring(colon + 1).replaceFirst("^//", "");
        String path = rest.split("\\?", 2)[0];
        return switch (scheme) {
            case "direct", "seda", "vertx" -> List.of(new Endpoint(scheme + ":" + path, "call", scheme + ":" + path));
            case "kafka" -> Arrays.stream(path.split(",")).map(String::trim).filter(topic -> !topic.isEmpty())
                    .map(topic -> new Endpoint("kafka:" + topic, "kafka", "topic " + topic)).toList();
            case "rest" -> List.of(rest(path));
            case "platform-http" -> List.of(new Endpoint("http:" + path, "http", "HTTP " + path));
            case "http", "https" -> List.of(new Endpoint("http:" + scheme + "://" + path, "http",
                    scheme + "://" + path));
            case "sql", "jdbc" -> {
                List<Endpoint> tables = tables(rest).stream()
                        .map(table -> new Endpoint("sql:" + table, "sql", "table " + table)).toList();
                yield tables.isEmpty() ? List.of(new Endpoint("sql:" + label(path), "sql", "sql " + path)) : tables;
            }
            case "file", "ftp", "sftp" -> List.of(new Endpoint("file:" + path, "file", scheme + " " + path));
            case "timer", "quartz", "cron", "scheduler" -> List.of(new Endpoint(scheme + ":" + path, "timer",
                    scheme + " " + path));
            default -> List.of(PLUMBING.contains(scheme) ? new Endpoint(uri, "plumbing", uri)
                    : new Endpoint(scheme + ":" + label(path), "other", uri.split("\\?", 2)[0]));
        };
    }

    /** {@code rest:post:/api/v1:/orders} (method, base path, template) as {@code POST /api/v1/orders}. */
    private static Endpoint rest(String path) {
        String[] parts = path.split(":", 3);
        String method = parts[0].toUpperCase(Locale.ROOT);
        String where = (parts.length > 1 ? parts[1] : "") + (parts.length > 2 ? parts[2] : "");
        return new Endpoint("http:" + method + " " + where, "http", method + " " + where);
    }

    private static List<String> tables(String sql) {
        Set<String> tables = new LinkedHashSet<>();
        Matcher matcher = SQL_TABLE.matcher(sql);
        while (matcher.find()) {
            String table = matcher.group(1).toLowerCase(Locale.ROOT);
            // UPDATE SET in a MERGE or an upsert, FROM (VALUES ...), a sub-select: keywords, not tables.
            if (!SQL_KEYWORDS.contains(table)) {
                tables.add(table);
            }
        }
        return List.copyOf(tables);
    }

    private String resolve(String uri) {
        try {
            return camel.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            return uri;
        }
    }

    /** Passwords and keys in endpoint options never reach the console. */
    private static String label(String text) {
        if (text == null) {
            return "";
        }
        String safe = URISupport.sanitizeUri(text);
        return safe.length() <= MAX_LABEL ? safe : safe.substring(0, MAX_LABEL - 1) + "…";
    }

    private record Endpoint(String key, String kind, String label) {

        ObjectNode node() {
            return JsonNodeFactory.instance.objectNode().put("id", key).put("kind", kind).put("label",
                    RouteTopology.label(label));
        }
    }
}
