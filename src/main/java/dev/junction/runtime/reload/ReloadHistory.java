package dev.junction.runtime.reload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The recent route reloads, for the operations API, and their metrics: {@code junction_route_reloads_total}
 * (by {@code outcome}: ok, failed), {@code junction_route_reload_failed_files} (files whose latest version was
 * refused, so an older one runs: alert when above 0 for long) and {@code junction_route_reload_last_seconds}
 * (epoch seconds of the latest reload). They exist from startup, at 0, so a dashboard shows them before the first
 * reload and {@code increase()} counts the first refused file too (a counter born at 1 looks unchanged to it).
 */
@Startup
@ApplicationScoped
public class ReloadHistory {

    static final int KEPT = 50;

    private final MeterRegistry registry;
    private final Deque<ReloadOutcome> recent = new ArrayDeque<>();
    private final Set<String> refusedFiles = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastEpochSecond = new AtomicLong();

    public ReloadHistory(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("junction.route_reload.failed_files", refusedFiles, Set::size)
                .description("Route files whose latest version was refused: an older version of their routes runs")
                .register(registry);
        Gauge.builder("junction.route_reload.last", lastEpochSecond, AtomicLong::get).baseUnit("seconds")
                .description("When routes were last reloaded (epoch seconds; 0 = never)").register(registry);
        reloads(true);
        reloads(false);
    }

    public synchronized void record(ReloadOutcome outcome) {
        recent.addFirst(outcome);
        while (recent.size() > KEPT) {
            recent.removeLast();
        }
        if (outcome.ok()) {
            refusedFiles.remove(outcome.file());
        } else {
            refusedFiles.add(outcome.file());
        }
        lastEpochSecond.set(TimeUnit.MILLISECONDS.toSeconds(outcome.at().toEpochMilli()));
        reloads(outcome.ok()).increment();
    }

    private Counter reloads(boolean ok) {
        return Counter.builder("junction.route_reloads").description("Route file reloads, by outcome")
                .tag("outcome", ok ? "ok" : "failed").register(registry);
    }

    /** Most recent first. */
    public synchronized List<ReloadOutcome> recent() {
        return new ArrayList<>(recent);
    }

    public List<String> refusedFiles() {
        return refusedFiles.stream().sorted().toList();
    }
}
