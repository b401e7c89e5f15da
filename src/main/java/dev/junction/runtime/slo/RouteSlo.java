package dev.junction.runtime.slo;

import java.time.Duration;

/** One integration's SLO: its targets and what its exchanges did over the recent window. */
final class RouteSlo {

    /** 99% of exchanges must finish within the latency target ("p99 under the target"). */
    static final double FAST_SHARE = 0.99;

    private final String routeId;
    private final double targetSuccessRatio;
    private final Duration targetLatency;
    private final SloWindow window;

    RouteSlo(String routeId, double targetSuccessRatio, Duration targetLatency, Duration window, Duration slice) {
        this.routeId = routeId;
        this.targetSuccessRatio = targetSuccessRatio;
        this.targetLatency = targetLatency;
        this.window = new SloWindow(window.toMillis(), slice.toMillis());
    }

    synchronized void record(long nowMillis, boolean failure, long elapsedMillis) {
        window.record(nowMillis, failure, elapsedMillis > targetLatency.toMillis());
    }

    synchronized SloStatus status(long nowMillis) {
        long[] totals = window.totals(nowMillis);
        return new SloStatus(routeId, totals[0], totals[1], totals[2], targetSuccessRatio, targetLatency);
    }

    double targetSuccessRatio() {
        return targetSuccessRatio;
    }

    Duration targetLatency() {
        return targetLatency;
    }
}
