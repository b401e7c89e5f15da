package dev.junction.runtime.routes;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.camel.Route;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Every route Camel has created, started or not.
 * <p>
 * {@code CamelContext.getRoutes()} is not that list once the supervising route controller is on: Camel 4.4 then
 * sets up a route only when it is first started, so a route with {@code autoStartup: false} (the dev-mode stand-in,
 * a disabled schedule) would be missing from the operations view, and an operator could not see or start it. A route
 * policy is told of each route as it is created and removed, whoever created it and whether it runs.
 * <p>
 * Installed by hand, not as a RoutePolicyFactory bean: such a bean would switch off camel-quarkus-opentelemetry's
 * tracer (see {@code dev.junction.runtime.correlation.CorrelationInstaller}).
 */
@Singleton
public class KnownRoutes {

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Tracking tracking = new Tracking();

    void install(@Observes BeforeConfigure event) {
        event.getCamelContext().addRoutePolicyFactory((camel, routeId, definition) -> tracking);
    }

    /** By id. */
    public List<Route> all() {
        return routes.values().stream().sorted(Comparator.comparing(Route::getRouteId)).toList();
    }

    public Optional<Route> byId(String routeId) {
        return Optional.ofNullable(routes.get(routeId));
    }

    private class Tracking extends RoutePolicySupport {

        @Override
        public void onInit(Route route) {
            routes.put(route.getRouteId(), route);
        }

        @Override
        public void onRemove(Route route) {
            // A reload removes a file's routes before it adds their new versions under the same ids.
            routes.remove(route.getRouteId(), route);
        }
    }
}
