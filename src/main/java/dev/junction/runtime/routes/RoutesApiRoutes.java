package dev.junction.runtime.routes;

import java.io.IOException;

import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.spi.RouteController;

import dev.junction.runtime.ops.OpsApiRoutes;
import dev.junction.runtime.ops.OpsAudit;
import dev.junction.runtime.ops.OpsException;
import dev.junction.runtime.problem.ProblemResponses;

/**
 * {@value #PATH}: every route with its state and figures, and suspend / resume / restart for one route.
 * {@value #TOPOLOGY_PATH}: how the integrations connect (routes and the endpoints between them, from the live route
 * model), and for one route its steps and the text of the route file it was loaded from.
 */
@Singleton
public class RoutesApiRoutes extends OpsApiRoutes {

    static final String PATH = "/api/ops/routes";
    static final String TOPOLOGY_PATH = "/api/ops/topology";

    private final RouteViews views;
    private final RouteTopology topology;
    private final OpsAudit audit;

    public RoutesApiRoutes(RouteViews views, RouteTopology topology, OpsAudit audit, ProblemResponses problems) {
        super(problems);
        this.views = views;
        this.topology = topology;
        this.audit = audit;
    }

    @Override
    public void configure() {
        RestDefinition rest = opsRest(PATH, "Routes: state, figures and SLO of every route; suspend, resume, restart");
        get(rest, null, "list-routes", "Every route: source file, status, uptime, exchanges, and for the route an"
                + " integration is entered by its failure rate, p99 latency, SLO and last error");
        for (String action : new String[] { "suspend", "resume", "restart" }) {
            post(rest, "/{id}/" + action, action + "-route", Character.toUpperCase(action.charAt(0))
                    + action.substring(1) + "s a route and answers its state afterwards");
        }
        RestDefinition topologyRest = opsRest(TOPOLOGY_PATH, "Topology: routes and the endpoints that connect them");
        get(topologyRest, null, "get-topology", "Routes and endpoints (HTTP paths, Kafka topics, SQL tables,"
                + " directories, schedules) as nodes, consuming and sending as edges; a direct: call is an edge between"
                + " two routes");
        get(topologyRest, "/routes/{id}", "get-route-definition", "One route's steps, and the text of the route file it"
                + " was loaded from (absent for a Java route)");

        operation("ops-list-routes", "Answers every route's state and figures", exchange -> views.all().toString());
        operation("ops-suspend-route", "Suspends a route", exchange -> act(exchange, "suspend"));
        operation("ops-resume-route", "Resumes a route", exchange -> act(exchange, "resume"));
        operation("ops-restart-route", "Restarts a route", exchange -> act(exchange, "restart"));
        operation("ops-get-topology", "Answers the topology", exchange -> topology.graph().toString());
        operation("ops-get-route-definition", "Answers one route's steps and source", this::definition);
    }

    private Object act(Exchange exchange, String action) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !views.has(id)) {
            throw noSuchRoute(id);
        }
        RouteController controller = exchange.getContext().getRouteController();
        switch (action) {
            case "suspend" -> controller.suspendRoute(id);
            case "resume" -> controller.resumeRoute(id);
            default -> {
                controller.stopRoute(id);
                controller.startRoute(id);
            }
        }
        audit.record(exchange, action + "-route", id, "now " + controller.getRouteStatus(id));
        return views.one(id).orElseThrow().toString();
    }

    private Object definition(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader("id", String.class);
        return views.definition(id).orElseThrow(() -> noSuchRoute(id)).toString();
    }

    private static OpsException noSuchRoute(String id) {
        return new OpsException(404, "No such route", "There is no route with id " + id + ".");
    }
}
