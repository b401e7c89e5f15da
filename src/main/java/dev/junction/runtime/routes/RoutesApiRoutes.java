package dev.junction.runtime.routes;

import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.spi.RouteController;

import dev.junction.runtime.ops.OpsApiRoutes;
import dev.junction.runtime.ops.OpsAudit;
import dev.junction.runtime.ops.OpsException;
import dev.junction.runtime.problem.ProblemResponses;

/** {@value #PATH}: every route with its state and figures, and suspend / resume / restart for one route. */
@Singleton
public class RoutesApiRoutes extends OpsApiRoutes {

    static final String PATH = "/api/ops/routes";

    private final RouteViews views;
    private final OpsAudit audit;

    public RoutesApiRoutes(RouteViews views, OpsAudit audit, ProblemResponses problems) {
        super(problems);
        this.views = views;
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

        operation("ops-list-routes", "Answers every route's state and figures", exchange -> views.all().toString());
        operation("ops-suspend-route", "Suspends a route", exchange -> act(exchange, "suspend"));
        operation("ops-resume-route", "Resumes a route", exchange -> act(exchange, "resume"));
        operation("ops-restart-route", "Restarts a route", exchange -> act(exchange, "restart"));
    }

    private Object act(Exchange exchange, String action) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !views.has(id)) {
            throw new OpsException(404, "No such route", "There is no route with id " + id + ".");
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
}
