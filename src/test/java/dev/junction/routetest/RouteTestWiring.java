package dev.junction.routetest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts the route-test machinery into the application, only where the route-test profile asks for it
 * ({@code junction.route-tests.enabled}): every other test application runs exactly as it would without it, and
 * does not even create the machinery's beans. Wired after Camel is configured and before routes are built, so that
 * the routes' endpoints are created stubbable.
 */
@ApplicationScoped
public class RouteTestWiring {

    private final boolean enabled;
    private final Instance<CaseSession> session;
    private final Instance<StubbedSends> sends;
    private final Instance<Snapshots> snapshots;
    private final Instance<Destinations> destinations;

    public RouteTestWiring(
            @ConfigProperty(name = "junction.route-tests.enabled", defaultValue = "false") boolean enabled,
            Instance<CaseSession> session, Instance<StubbedSends> sends, Instance<Snapshots> snapshots,
            Instance<Destinations> destinations) {
        this.enabled = enabled;
        this.session = session;
        this.sends = sends;
        this.snapshots = snapshots;
        this.destinations = destinations;
    }

    void wire(@Observes AfterConfigure configured) throws Exception {
        if (!enabled) {
            return;
        }
        CamelContext camel = configured.getCamelContext();
        camel.getCamelContextExtension().registerEndpointCallback(new EndpointStubbing(sends.get()));
        camel.getManagementStrategy()
                .addEventNotifier(new SendRecorder(session.get(), snapshots.get(), destinations.get()));
    }
}
