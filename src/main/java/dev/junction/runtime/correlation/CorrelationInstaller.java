package dev.junction.runtime.correlation;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.apache.camel.spi.UnitOfWorkFactory;

/**
 * Installs correlation ids into Camel before any route exists: the route policy that assigns them and the unit of
 * work that puts them in the MDC.
 * <p>
 * Installed by hand rather than offered as beans for Camel main to find by type: a RoutePolicyFactory bean would
 * also stand in for, and so switch off, camel-quarkus-opentelemetry2's default tracer bean (a RoutePolicyFactory
 * too).
 */
@Singleton
public class CorrelationInstaller {

    void install(@Observes BeforeConfigure event) {
        CamelContext camel = event.getCamelContext();
        camel.addRoutePolicyFactory(new CorrelationRoutePolicyFactory());
        camel.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, new CorrelationUnitOfWorkFactory());
    }
}
