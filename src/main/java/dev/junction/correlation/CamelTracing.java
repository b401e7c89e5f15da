package dev.junction.correlation;

import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.opentelemetry.CamelQuarkusOpenTelemetryTracer;
import org.apache.camel.opentelemetry.OpenTelemetryTracer;
import org.apache.camel.quarkus.component.opentelemetry.CamelOpenTelemetryConfig;
import org.apache.camel.spi.RoutePolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Camel's OpenTelemetry tracer, in place of camel-quarkus-opentelemetry's own (a default bean), so that routes are
 * traced only when tracing is on ({@code quarkus.otel.sdk.disabled=false}). The extension (3.8.0) traces every route
 * whatever that key says: with tracing off, every exchange still made spans no one would see, and Quarkus logged
 * every scope Camel's tracer closed on another thread. On, this is the extension's tracer, configured as it would
 * be ({@code quarkus.camel.opentelemetry.*}).
 */
@Singleton
public class CamelTracing {

    @Produces
    @Singleton
    @Unremovable // Camel main finds it by type (a RoutePolicyFactory) in its registry, a lookup ArC cannot see
    OpenTelemetryTracer camelTracer(Tracer tracer, CamelOpenTelemetryConfig config,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
        OpenTelemetryTracer camelTracer = new SwitchedTracer(!tracingOff);
        camelTracer.setTracer(tracer);
        config.excludePatterns.ifPresent(camelTracer::setExcludePatterns);
        camelTracer.setEncoding(config.encoding);
        return camelTracer;
    }

    /** Off, it puts no policy on routes and does not start: no event notifier, no intercept strategy, no spans. */
    static final class SwitchedTracer extends CamelQuarkusOpenTelemetryTracer {

        private final boolean on;

        SwitchedTracer(boolean on) {
            this.on = on;
        }

        @Override
        public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
            return on ? super.createRoutePolicy(camelContext, routeId, route) : null;
        }

        @Override
        protected void doInit() throws Exception {
            if (on) {
                super.doInit();
            }
        }

        @Override
        protected void doStart() throws Exception {
            if (on) {
                super.doStart();
            }
        }

        @Override
        protected void doStop() throws Exception {
            if (on) {
                super.doStop();
            }
        }

        @Override
        protected void doShutdown() throws Exception {
            if (on) {
                super.doShutdown();
            }
        }
    }
}
