package dev.junction.runtime.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.runtime.problem.EdgeProblems;

/**
 * Failed authentications are throttled per client address ({@code junction.failed-authentications.*}): each address
 * may fail {@code burst} times, then {@code per-second}. Once it has used that up, its requests carrying credentials
 * are answered 429 with Retry-After before the credentials are even checked, so guessing keys costs the guesser
 * time instead of costing Junction nothing. Valid credentials from that address wait too: the address is all that
 * tells the guesser apart. Behind a proxy, the address is the client's only with {@code quarkus.http.proxy.*}
 * forwarding configured.
 */
@Singleton
public class FailedAuthentications {

    /** Before authentication (200): a throttled address's credentials are not checked at all. */
    private static final int PRIORITY = 250;
    private static final int REMEMBERED_ADDRESSES = 10_000;

    private final boolean enabled;
    private final double perSecond;
    private final int burst;
    private final EdgeProblems problems;
    private final ClientBuckets buckets = new ClientBuckets(REMEMBERED_ADDRESSES);
    private final Counter throttled;

    public FailedAuthentications(
            @ConfigProperty(name = "junction.failed-authentications.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "junction.failed-authentications.per-second", defaultValue = "1") double perSecond,
            @ConfigProperty(name = "junction.failed-authentications.burst", defaultValue = "20") int burst,
            EdgeProblems problems, MeterRegistry registry) {
        this.enabled = enabled;
        this.perSecond = perSecond;
        this.burst = burst;
        this.problems = problems;
        this.throttled = Counter.builder("junction.http.authentication.throttled")
                .description("Requests answered 429 because their address failed authentication too often")
                .register(registry);
    }

    void register(@Observes Filters filters) {
        if (enabled) {
            filters.register(this::admit, PRIORITY);
        }
    }

    /** An authentication with credentials failed: the address pays a token. */
    public void failed(RoutingContext context) {
        if (enabled && hasCredentials(context)) {
            bucket(context).take(System.nanoTime());
        }
    }

    private void admit(RoutingContext context) {
        if (!hasCredentials(context)) {
            context.next();
            return;
        }
        long wait = bucket(context).waitSeconds(System.nanoTime());
        if (wait > 0) {
            throttled.increment();
            context.response().putHeader("Retry-After", String.valueOf(wait));
            problems.send(context, 429, "authentication-throttled", "Too many failed authentications",
                    "This address has failed authentication too often; retry after " + wait + " s.");
            return;
        }
        context.next();
    }

    private TokenBucket bucket(RoutingContext context) {
        long now = System.nanoTime();
        return buckets.of(address(context), address -> new TokenBucket(perSecond, burst, now), now);
    }

    private static String address(RoutingContext context) {
        return context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
    }

    private static boolean hasCredentials(RoutingContext context) {
        return context.request().getHeader("X-API-Key") != null || context.request().getHeader("Authorization") != null;
    }
}
