package dev.junction.runtime.slo;

import java.time.Duration;

/**
 * One integration's SLO over the recent window.
 *
 * @param exchanges exchanges finished in the window
 * @param failed of which failed
 * @param slow of which took longer than the latency target
 */
public record SloStatus(String routeId, long exchanges, long failed, long slow, double targetSuccessRatio,
        Duration targetLatency) {

    /** 1 when nothing ran: no traffic breaks no SLO. */
    public double successRatio() {
        return exchanges == 0 ? 1.0 : (double) (exchanges - failed) / exchanges;
    }

    public double fastRatio() {
        return exchanges == 0 ? 1.0 : (double) (exchanges - slow) / exchanges;
    }

    public boolean met() {
        return successRatio() >= targetSuccessRatio && fastRatio() >= RouteSlo.FAST_SHARE;
    }

    public String summary() {
        return String.format("%s: %.2f%% of %d exchanges succeeded (target %.2f%%), %.2f%% within %d ms"
                + " (target %.0f%%)", met() ? "met" : "BREACHED", successRatio() * 100, exchanges,
                targetSuccessRatio * 100, fastRatio() * 100, targetLatency.toMillis(), RouteSlo.FAST_SHARE * 100);
    }
}
