package dev.junction.runtime.slo;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Route;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Judges every exchange when it is done with the route it entered by, for that integration's SLO: a route policy on
 * every route (YAML, Java, and routes a reload adds later), which sees exactly one "done" per exchange and route,
 * whatever the consumer. Failed: it ended failed; an error handler had to take it (dead-lettered, or answered
 * by an onException); or, entered over HTTP, it answered 5xx. A 4xx answer is the caller's error, not the
 * integration's. Split and multicast parts, and the routes an exchange is passed on to, are judged as part of the
 * exchange that entered.
 */
@Singleton
public class RouteOutcomes {

    private final RouteSloMetrics metrics;
    /**
     * Installed by code, not offered as a bean: a RoutePolicyFactory bean makes camel-quarkus-opentelemetry drop its
     * own tracing factory.
     */
    private final RoutePolicyFactory factory;

    public RouteOutcomes(RouteSloMetrics metrics) {
        this.metrics = metrics;
        RoutePolicy policy = new RoutePolicySupport() {

            @Override
            public void onExchangeDone(Route route, Exchange exchange) {
                judge(route, exchange);
            }
        };
        this.factory = (camelContext, routeId, route) -> policy;
    }

    /** Before Camel creates the routes, so every one of them gets the policy. */
    void register(@Observes AfterConfigure configured, CamelContext camel) {
        if (!camel.getRoutePolicyFactories().contains(factory)) {
            camel.addRoutePolicyFactory(factory);
        }
    }

    private void judge(Route route, Exchange exchange) {
        // Only where the exchange entered: split parts and the routes it is passed on to are part of it. (Not by
        // CamelCorrelationId: fulfilment's own exchange carries one by the time it is done, and went uncounted.)
        String routeId = route.getRouteId();
        if (!routeId.equals(exchange.getFromRouteId())) {
            return;
        }
        boolean failed = failed(exchange);
        metrics.record(routeId, failed, exchange.getClock().elapsed(), failed ? error(exchange) : null);
    }

    static boolean failed(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && exchange.getMessage().getHeader(Exchange.HTTP_METHOD) != null) {
            return status >= 500 || exchange.isFailed();
        }
        return exchange.isFailed() || exchange.getExchangeExtension().isErrorHandlerHandledSet()
                && exchange.getExchangeExtension().isErrorHandlerHandled();
    }

    private static String error(Exchange exchange) {
        Throwable cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        if (cause != null) {
            return cause.getClass().getName() + ": " + cause.getMessage();
        }
        return "answered HTTP " + exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE);
    }
}
