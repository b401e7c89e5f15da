package dev.junction.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.LambdaRouteBuilder;
import org.apache.camel.builder.RouteBuilder;

/**
 * A route a test adds to the running application, as a user would, and removes again when closed (try-with-resources),
 * so the routes the next test sees are Junction's own.
 */
public record AddedRoute(CamelContext camel, String routeId) implements AutoCloseable {

    /** Adds the route with this id that {@code route} builds, and starts it. */
    public static AddedRoute start(CamelContext camel, String routeId, LambdaRouteBuilder route) throws Exception {
        RouteBuilder.addRoutes(camel, route);
        // Under the supervising route controller, whoever adds a route while Junction runs starts it.
        camel.getRouteController().startRoute(routeId);
        return new AddedRoute(camel, routeId);
    }

    @Override
    public void close() throws Exception {
        camel.getRouteController().stopRoute(routeId);
        camel.removeRoute(routeId);
    }
}
