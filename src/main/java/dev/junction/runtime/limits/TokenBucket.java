package dev.junction.runtime.limits;

/**
 * One client's allowance: up to {@code burst} requests at once, refilled at {@code perSecond}. Thread-safe; time comes
 * from the caller (nanoseconds, monotonic) so that it can be tested without waiting.
 */
final class TokenBucket {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt;

    TokenBucket(double perSecond, int burst, long now) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** Takes one request's token: 0 when allowed, otherwise the seconds until the next token (at least 1). */
    synchronized long take(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }

    /** Seconds until a token is there to take: 0 when one is there now. Takes nothing. */
    synchronized long waitSeconds(long now) {
        double available = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
        return available >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - available) / perSecond));
    }

    /** Refilled to its burst by now: a new bucket would behave the same, so forgetting this one changes nothing. */
    synchronized boolean full(long now) {
        return tokens + (now - refilledAt) / 1e9 * perSecond >= burst;
    }
}
