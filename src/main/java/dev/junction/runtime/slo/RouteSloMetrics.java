package dev.junction.runtime.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-integration SLO metrics, by {@code route} (the route an exchange entered by):
 * {@code junction_route_exchanges_total{outcome=success|failure}}, the latency histogram
 * {@code junction_route_latency_seconds} (buckets include the route's latency target, so Prometheus can compute
 * the share under it and {@code histogram_quantile}), the targets {@code junction_route_slo_success_ratio_target}
 * and {@code junction_route_slo_latency_target_seconds}, and over the recent window
 * ({@code junction.slo.window}) {@code junction_route_slo_success_ratio}, {@code junction_route_slo_fast_ratio}
 * (share within the latency target) and {@code junction_route_slo_met} (1 or 0).
 */
@ApplicationScoped
public class RouteSloMetrics {

    private static final Duration[] BUCKETS = { Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30) };

    private final MeterRegistry registry;
    private final SloTargets targets;
    private final Duration window;
    private final Duration slice;
    private final Map<String, Meters> routes = new ConcurrentHashMap<>();
    private final Map<String, LastError> lastErrors = new ConcurrentHashMap<>();

    /** The latest failure of an integration: what went wrong, and when. */
    public record LastError(String message, Instant at) {
    }

    public RouteSloMetrics(MeterRegistry registry, SloTargets targets,
            @ConfigProperty(name = "junction.slo.window") Duration window) {
        this.registry = registry;
        this.targets = targets;
        this.window = window;
        // Thirty slices: the window slides in steps of a thirtieth of it.
        this.slice = Duration.ofMillis(Math.max(1000, window.toMillis() / 30));
    }

    public void record(String routeId, boolean failure, long elapsedMillis, String error) {
        Meters meters = routes.computeIfAbsent(routeId, this::register);
        if (error != null) {
            lastErrors.put(routeId, new LastError(error, Instant.now()));
        }
        (failure ? meters.failures : meters.successes).increment();
        meters.latency.record(Duration.ofMillis(elapsedMillis));
        meters.slo.record(System.currentTimeMillis(), failure, elapsedMillis);
    }

    /** Every integration that has seen traffic, by route id. */
    public List<SloStatus> statuses() {
        long now = System.currentTimeMillis();
        return routes.values().stream().map(meters -> meters.slo.status(now))
                .sorted(Comparator.comparing(SloStatus::routeId)).toList();
    }

    /** One integration's SLO now; empty before its first exchange. */
    public Optional<SloStatus> status(String routeId) {
        return Optional.ofNullable(routes.get(routeId)).map(meters -> meters.slo.status(System.currentTimeMillis()));
    }

    public LastError lastError(String routeId) {
        return lastErrors.get(routeId);
    }

    /**
     * The route's latency percentile (0.5, 0.99) over about the last junction.slo.window (Micrometer's rotating
     * buffers), in milliseconds; NaN before its first exchange.
     */
    public double latencyPercentileMillis(String routeId, double percentile) {
        Meters meters = routes.get(routeId);
        if (meters == null) {
            return Double.NaN;
        }
        for (var value : meters.latency.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private Meters register(String routeId) {
        RouteSlo slo = new RouteSlo(routeId, targets.successRatio(routeId), targets.latency(routeId), window, slice);
        Counter successes = Counter.builder("junction.route.exchanges").tag("route", routeId).tag("outcome", "success")
                .description("Exchanges of an integration, by outcome").register(registry);
        Counter failures = Counter.builder("junction.route.exchanges").tag("route", routeId).tag("outcome", "failure")
                .description("Exchanges of an integration, by outcome").register(registry);
        Timer latency = Timer.builder("junction.route.latency").tag("route", routeId)
                .description("Time from an exchange entering the integration to its end")
                .serviceLevelObjectives(withTarget(slo.targetLatency())).publishPercentiles(0.5, 0.99)
                // The percentiles describe the same recent window as the SLO ratios, not Micrometer's 2 minutes.
                .distributionStatisticExpiry(window)
                .register(registry);
        Gauge.builder("junction.route.slo.success_ratio_target", slo, RouteSlo::targetSuccessRatio)
                .tag("route", routeId).description("Share of exchanges that must succeed").register(registry);
        Gauge.builder("junction.route.slo.latency_target", slo, s -> s.targetLatency().toMillis() / 1000.0)
                .baseUnit("seconds").tag("route", routeId)
                .description("Latency 99% of exchanges must stay within").register(registry);
        Gauge.builder("junction.route.slo.success_ratio", slo, s -> s.status(System.currentTimeMillis()).successRatio())
                .tag("route", routeId).description("Share of exchanges that succeeded over the SLO window")
                .register(registry);
        Gauge.builder("junction.route.slo.fast_ratio", slo, s -> s.status(System.currentTimeMillis()).fastRatio())
                .tag("route", routeId).description("Share of exchanges within the latency target over the SLO window")
                .register(registry);
        Gauge.builder("junction.route.slo.met", slo, s -> s.status(System.currentTimeMillis()).met() ? 1 : 0)
                .tag("route", routeId).description("1 while the SLO is met over the window, 0 while it is breached")
                .register(registry);
        return new Meters(successes, failures, latency, slo);
    }

    private static Duration[] withTarget(Duration target) {
        Duration[] buckets = Arrays.copyOf(BUCKETS, BUCKETS.length + 1);
        buckets[BUCKETS.length] = target;
        return buckets;
    }

    private record Meters(Counter successes, Counter failures, Timer latency, RouteSlo slo) {
    }
}
