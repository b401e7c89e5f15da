package dev.junction.runtime.routes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.spi.Resource;

import dev.junction.runtime.ops.OpsApiRoutes;
import dev.junction.runtime.ops.OpsException;
import dev.junction.runtime.problem.ProblemResponses;

/**
 * {@value #PATH}: how the integrations connect (routes and the endpoints between them, from the live route model),
 * and for one route its steps and the text of the route file it was loaded from.
 */
@Singleton
public class TopologyApiRoutes extends OpsApiRoutes {

    static final String PATH = "/api/ops/topology";

    private final RouteTopology topology;
    private final KnownRoutes routes;

    public TopologyApiRoutes(RouteTopology topology, KnownRoutes routes, ProblemResponses problems) {
        super(problems);
        this.topology = topology;
        this.routes = routes;
    }

    @Override
    public void configure() {
        RestDefinition rest = opsRest(PATH, "Topology: routes and the endpoints that connect them");
        get(rest, null, "get-topology", "Routes and endpoints (HTTP paths, Kafka topics, SQL tables, directories,"
                + " schedules) as nodes, consuming and sending as edges; a direct: call is an edge between two routes");
        get(rest, "/routes/{id}", "get-route-definition", "One route's steps, and the text of the route file it was"
                + " loaded from (absent for a Java route)");

        operation("ops-get-topology", "Answers the topology", exchange -> topology.graph().toString());
        operation("ops-get-route-definition", "Answers one route's steps and source", this::definition);
    }

    private Object definition(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader("id", String.class);
        ObjectNode answer = topology.steps(id)
                .orElseThrow(() -> new OpsException(404, "No such route", "There is no route with id " + id + "."));
        Resource source = routes.byId(id).map(Route::getSourceResource).orElse(null);
        String location = source == null ? null : source.getLocation();
        if (location != null && !location.startsWith("source:")) {
            answer.put("sourceFile", location.replaceFirst("^file:", ""));
            try (InputStream text = source.getInputStream()) {
                // The text the route was loaded from, not the file on disk now: an edit that was refused is not it.
                answer.put("sourceText", new String(text.readAllBytes(), StandardCharsets.UTF_8));
            }
        } else {
            answer.put("sourceFile", "java");
        }
        return answer.toString();
    }
}
