package dev.junction.runtime.slo;

/**
 * One route's exchanges over the last window, in fixed time slices, so the SLO is judged on recent behaviour: a bad
 * hour an hour ago no longer counts, a bad minute now does. Not thread-safe; {@link RouteSlo} guards it.
 */
final class SloWindow {

    private final long sliceMillis;
    private final long[] sliceStart;
    private final long[] total;
    private final long[] failed;
    private final long[] slow;

    SloWindow(long windowMillis, long sliceMillis) {
        int slices = (int) Math.max(1, windowMillis / sliceMillis);
        this.sliceMillis = sliceMillis;
        this.sliceStart = new long[slices];
        this.total = new long[slices];
        this.failed = new long[slices];
        this.slow = new long[slices];
    }

    void record(long nowMillis, boolean failure, boolean tooSlow) {
        int slice = slice(nowMillis);
        total[slice]++;
        if (failure) {
            failed[slice]++;
        }
        if (tooSlow) {
            slow[slice]++;
        }
    }

    /** Totals over the window ending now: exchanges, failed, slower than the latency target. */
    long[] totals(long nowMillis) {
        long oldest = nowMillis - (long) sliceStart.length * sliceMillis;
        long[] sums = new long[3];
        for (int i = 0; i < sliceStart.length; i++) {
            if (sliceStart[i] > oldest) {
                sums[0] += total[i];
                sums[1] += failed[i];
                sums[2] += slow[i];
            }
        }
        return sums;
    }

    private int slice(long nowMillis) {
        long start = nowMillis - nowMillis % sliceMillis;
        int slice = (int) ((nowMillis / sliceMillis) % sliceStart.length);
        if (sliceStart[slice] != start) {
            sliceStart[slice] = start;
            total[slice] = 0;
            failed[slice] = 0;
            slow[slice] = 0;
        }
        return slice;
    }
}
