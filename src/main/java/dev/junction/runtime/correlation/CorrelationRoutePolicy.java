package dev.junction.runtime.correlation;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Gives every exchange its correlation id as it enters a route (see {@link CorrelationIds#assign}); installed on
 * every route by {@link CorrelationRoutePolicyFactory}. Camel calls it before the route's first step, so the id is
 * there for the first log line, and in sub-routes it finds the id already assigned.
 */
public class CorrelationRoutePolicy extends RoutePolicySupport {

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        CorrelationIds.assign(exchange);
    }
}
