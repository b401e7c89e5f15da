package dev.junction.runtime.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The token buckets of the clients a replica has seen. Every JWT subject is a client, so without eviction the map
 * would grow with every caller ever seen. Once it holds more than a threshold, buckets that have refilled to their
 * burst are dropped: such a bucket behaves exactly like the new one its client would get, so no client gains or loses
 * anything by it, and a client over its rate keeps its (empty) bucket. The threshold then doubles from what is left,
 * so sweeps stay rare however many clients are active.
 */
final class ClientBuckets {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final int minimumThreshold;
    private volatile int threshold;

    ClientBuckets(int threshold) {
        this.minimumThreshold = threshold;
        this.threshold = threshold;
    }

    /** The client's bucket, created by {@code create} for a client not seen (or forgotten) before. */
    TokenBucket of(String client, Function<String, TokenBucket> create, long now) {
        TokenBucket bucket = buckets.get(client);
        if (bucket != null) {
            return bucket;
        }
        bucket = buckets.computeIfAbsent(client, create);
        if (buckets.size() > threshold && sweeping.compareAndSet(false, true)) {
            try {
                // Not the bucket being handed out: the caller is about to take from it.
                buckets.entrySet().removeIf(entry -> !entry.getKey().equals(client) && entry.getValue().full(now));
                threshold = Math.max(minimumThreshold, 2 * buckets.size());
            } finally {
                sweeping.set(false);
            }
        }
        return bucket;
    }

    int size() {
        return buckets.size();
    }
}
