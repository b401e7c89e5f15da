package dev.junction.runtime.slo;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/slo}: each integration's SLO over the recent window, DOWN while any is breached. A group of
 * its own, never part of readiness: a breached SLO needs people, and taking pods out of service would only make it
 * worse.
 */
@HealthGroup("slo")
@ApplicationScoped
public class SloHealthCheck implements HealthCheck {

    private final RouteSloMetrics metrics;

    public SloHealthCheck(RouteSloMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("integration-slos").up();
        for (SloStatus status : metrics.statuses()) {
            response.withData(status.routeId(), status.summary());
            if (!status.met()) {
                response.down();
            }
        }
        return response.build();
    }
}
