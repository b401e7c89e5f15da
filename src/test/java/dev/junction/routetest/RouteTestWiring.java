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
    private final Instance<StubbedSends> sends;

    public RouteTestWiring(
            @ConfigProperty(name = "junction.route-tests.enabled", defaultValue = "false") boolean enabled,
            Instance<StubbedSends> sends) {
        this.enabled = enabled;
        this.sends = sends;
    }

    void wire(@Observes AfterConfigure configured) throws Exception {
        if (!enabled) {
            return;
        }
        CamelContext camel = configured.getCamelContext();
        StubbedSends stubbedSends = sends.get();
        camel.getCamelContextExtension().registerEndpointCallback(new EndpointStubbing(stubbedSends));
        camel.getManagementStrategy().addEventNotifier(new SendRecorder(stubbedSends));
    }
}
