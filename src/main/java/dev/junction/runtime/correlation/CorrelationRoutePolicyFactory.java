package dev.junction.runtime.correlation;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * Puts a {@link CorrelationRoutePolicy} on every route: Java and YAML, loaded at startup or reloaded later, so a
 * route gets its correlation id without a line of its own. Installed by {@link CorrelationInstaller}.
 */
class CorrelationRoutePolicyFactory implements RoutePolicyFactory {

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        // One per route: a policy is a service that Camel stops with its route (a reloaded file's routes, say).
        return new CorrelationRoutePolicy();
    }
}
