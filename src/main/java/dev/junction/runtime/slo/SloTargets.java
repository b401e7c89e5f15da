package dev.junction.runtime.slo;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service level each integration is held to: the share of its exchanges that must succeed, and the latency 99%
 * of them must stay under. Defaults for all routes, overridable per route id
 * ({@code junction.slo.routes.<route-id>.success-ratio} / {@code .latency}).
 */
@ApplicationScoped
public class SloTargets {

    private final Config config;
    private final double successRatio;
    private final Duration latency;

    public SloTargets(Config config, @ConfigProperty(name = "junction.slo.success-ratio") double successRatio,
            @ConfigProperty(name = "junction.slo.latency") Duration latency) {
        this.config = config;
        this.successRatio = successRatio;
        this.latency = latency;
    }

    public double successRatio(String routeId) {
        return config.getOptionalValue("junction.slo.routes." + routeId + ".success-ratio", Double.class)
                .orElse(successRatio);
    }

    public Duration latency(String routeId) {
        return config.getOptionalValue("junction.slo.routes." + routeId + ".latency", Duration.class).orElse(latency);
    }
}
