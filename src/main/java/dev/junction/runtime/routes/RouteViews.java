package dev.junction.runtime.routes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RouteController;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.util.URISupport;

import dev.junction.runtime.slo.RouteSloMetrics;

/**
 * What an operator sees of a route: where it comes from, whether it runs (and if the supervising controller is still
 * restarting it, or gave up), since when, what it handled, and for the route an integration is entered by, its
 * failure rate, p50 and p99 latency, SLO and last error. The operations API's own routes are marked internal.
 */
@ApplicationScoped
public class RouteViews {

    private final CamelContext camel;
    private final KnownRoutes routes;
    private final MeterRegistry registry;
    private final RouteSloMetrics slo;
    private final RouteTopology topology;

    public RouteViews(CamelContext camel, KnownRoutes routes, MeterRegistry registry, RouteSloMetrics slo,
            RouteTopology topology) {
        this.camel = camel;
        this.routes = routes;
        this.registry = registry;
        this.slo = slo;
        this.topology = topology;
    }

    public ArrayNode all() {
        ArrayNode views = JsonNodeFactory.instance.arrayNode();
        routes.all().forEach(route -> views.add(view(route)));
        return views;
    }

    public boolean has(String routeId) {
        return routes.byId(routeId).isPresent();
    }

    public Optional<ObjectNode> one(String routeId) {
        return routes.byId(routeId).map(this::view);
    }

    /**
     * One route's steps, and the route file it was loaded from with the text it was loaded from (not the file on
     * disk now: an edit that was refused is not it); empty when there is no such route.
     */
    public Optional<ObjectNode> definition(String routeId) throws IOException {
        Optional<ObjectNode> definition = topology.steps(routeId);
        if (definition.isPresent()) {
            Resource source = routes.byId(routeId).map(Route::getSourceResource).orElse(null);
            definition.get().put("sourceFile", source(source));
            if (isFile(source)) {
                try (InputStream text = source.getInputStream()) {
                    definition.get().put("sourceText", new String(text.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return definition;
    }

    private ObjectNode view(Route route) {
        String id = route.getRouteId();
        ObjectNode view = JsonNodeFactory.instance.objectNode().put("id", id).put("description",
                route.getRouteDescription());
        view.put("source", source(route.getSourceResource()));
        view.put("from", URISupport.sanitizeUri(route.getEndpoint().getEndpointBaseUri()));
        if (topology.internal(id)) {
            view.put("internal", true);
        }
        RouteController controller = camel.getRouteController();
        view.put("status", String.valueOf(controller.getRouteStatus(id)));
        if (controller instanceof SupervisingRouteController supervising) {
            if (supervising.getExhaustedRoutes().stream().anyMatch(r -> r.getRouteId().equals(id))) {
                view.put("supervision", "exhausted");
            } else if (supervising.getRestartingRoutes().stream().anyMatch(r -> r.getRouteId().equals(id))) {
                view.put("supervision", "restarting");
            }
            Throwable restartFailure = supervising.getRestartException(id);
            if (restartFailure != null) {
                view.put("lastError", URISupport.sanitizeUri(restartFailure.toString()));
            }
        }
        view.put("uptimeMs", route.getUptimeMillis());
        ObjectNode exchanges = view.putObject("exchanges");
        exchanges.put("total", count("camel.exchanges.total", id));
        exchanges.put("failed", count("camel.exchanges.failed", id));
        exchanges.put("failuresHandled", count("camel.exchanges.failures.handled", id));
        exchanges.put("inflight", camel.getInflightRepository().size(id));
        slo.status(id).ifPresent(status -> {
            ObjectNode integration = view.putObject("slo");
            integration.put("met", status.met()).put("exchanges", status.exchanges()).put("failed", status.failed())
                    .put("failureRate", 1.0 - status.successRatio())
                    .put("targetSuccessRatio", status.targetSuccessRatio())
                    .put("targetLatencyMs", status.targetLatency().toMillis());
            double p50 = slo.latencyPercentileMillis(id, 0.5);
            if (!Double.isNaN(p50)) {
                integration.put("p50Ms", Math.round(p50));
            }
            double p99 = slo.latencyPercentileMillis(id, 0.99);
            if (!Double.isNaN(p99)) {
                integration.put("p99Ms", Math.round(p99));
            }
        });
        RouteSloMetrics.LastError lastError = slo.lastError(id);
        if (lastError != null && !view.has("lastError")) {
            view.putObject("lastError").put("message", URISupport.sanitizeUri(lastError.message()))
                    .put("at", lastError.at().toString());
        }
        return view;
    }

    /** A Camel route counter (camel-micrometer's route policy), 0 before the route's first exchange. */
    private long count(String name, String routeId) {
        double total = 0;
        for (Meter meter : registry.find(name).tag("routeId", routeId).meters()) {
            for (Measurement measurement : meter.measure()) {
                if (measurement.getStatistic() == Statistic.COUNT || measurement.getStatistic() == Statistic.VALUE) {
                    total += measurement.getValue();
                }
            }
        }
        return Math.round(total);
    }

    /** A route file's path, or {@code java} for a Java DSL route. */
    private static String source(Resource source) {
        return isFile(source) ? source.getLocation().replaceFirst("^file:", "") : "java";
    }

    /** Camel 4.17 gives a Java DSL route a resource too, named {@code source:} and its class. */
    private static boolean isFile(Resource source) {
        return source != null && source.getLocation() != null && !source.getLocation().startsWith("source:");
    }
}
