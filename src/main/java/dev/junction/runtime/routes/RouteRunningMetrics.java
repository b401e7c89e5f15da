package dev.junction.runtime.routes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.support.EventNotifierSupport;

/**
 * {@code junction_route_running{route}}: 1 while a route runs, 0 while it does not although it should, i.e. it starts
 * with Junction (autoStartup). Camel's own gauges only count running routes for the whole context, so an alert on them
 * could not say which route is down, and readiness says it where Prometheus does not look. A route an operator
 * suspended or stopped, or one that did not start again, reads 0, and so does one the supervising route controller
 * is still retrying. Route files come and go with reloads: a route gets its gauge when it is added and
 * loses it when it is removed, so no series outlives its route.
 */
@Singleton
public class RouteRunningMetrics extends EventNotifierSupport {

    private final CamelContext camel;
    private final MeterRegistry registry;
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    public RouteRunningMetrics(CamelContext camel, MeterRegistry registry) {
        this.camel = camel;
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreExchangeEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    void register(@Observes AfterConfigure configured) {
        if (!camel.getManagementStrategy().getEventNotifiers().contains(this)) {
            camel.getManagementStrategy().addEventNotifier(this);
        }
    }

    /** Routes added before this notifier listened are picked up here; registering twice is harmless. */
    void sweep(@Observes AfterStart started) {
        camel.getRoutes().forEach(this::track);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteAddedEvent || event instanceof CamelEvent.RouteRemovedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Route route = ((CamelEvent.RouteEvent) event).getRoute();
        if (event instanceof CamelEvent.RouteAddedEvent) {
            track(route);
        } else {
            Gauge gauge = gauges.remove(route.getRouteId());
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
    }

    private void track(Route route) {
        // A route that does not start with Junction (a disabled schedule, the dev-mode stand-in) is not missed.
        if (!startsWithJunction(route)) {
            return;
        }
        String id = route.getRouteId();
        gauges.computeIfAbsent(id, routeId -> Gauge.builder("junction.route.running", this, m -> m.running(routeId))
                .tag("route", routeId)
                .description("1 while the route runs, 0 while it does not although it starts with Junction")
                .register(registry));
    }

    /**
     * The supervising route controller takes over starting the routes it controls and sets their autoStartup to
     * false, so for those autoStartup no longer says whether they should run; it keeps only the routes whose own
     * autoStartup was true.
     */
    private boolean startsWithJunction(Route route) {
        if (camel.getRouteController() instanceof SupervisingRouteController supervising && supervising
                .getControlledRoutes().stream().anyMatch(r -> r.getRouteId().equals(route.getRouteId()))) {
            return true;
        }
        return !Boolean.FALSE.equals(route.isAutoStartup());
    }

    private double running(String routeId) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted() ? 1 : 0;
    }
}
