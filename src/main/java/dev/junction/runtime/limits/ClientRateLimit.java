package dev.junction.runtime.limits;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.junction.runtime.problem.EdgeProblems;

/**
 * Per-client rate limit on the business APIs ({@code junction.rate-limit.*}): a token bucket per authenticated client
 * (the principal: an API client's name or a JWT's subject), checked after authentication and before the body is
 * read, so a client over its rate costs neither a body nor a route. Over the limit: 429 with Retry-After and a
 * problem body. Requests that are not authenticated never get here on the limited paths (they need a role), so
 * buckets exist only for real clients, and those of idle clients are forgotten (ClientBuckets). Per replica: with N
 * replicas a client may send up to N times the rate.
 */
@Singleton
public class ClientRateLimit {

    /** After authentication (200) and authorization (100). */
    private static final int PRIORITY = 50;
    /** Clients kept before buckets that have refilled are forgotten (see ClientBuckets). */
    private static final int EVICT_ABOVE = 10_000;

    private final RateLimitConfig config;
    private final EdgeProblems problems;
    private final ClientBuckets buckets = new ClientBuckets(EVICT_ABOVE);

    public ClientRateLimit(RateLimitConfig config, EdgeProblems problems) {
        this.config = config;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::limit, PRIORITY);
        }
    }

    private void limit(RoutingContext context) {
        String client = client(context);
        if (client == null || config.paths().stream().noneMatch(context.request().path()::startsWith)) {
            context.next();
            return;
        }
        long now = System.nanoTime();
        long retryAfter = buckets.of(client, this::bucketFor, now).take(now);
        if (retryAfter == 0) {
            context.next();
            return;
        }
        context.response().putHeader("Retry-After", String.valueOf(retryAfter));
        problems.send(context, 429, "rate-limited", "Too many requests",
                "This client sent more requests than its rate allows; retry after " + retryAfter + " s.");
    }

    private TokenBucket bucketFor(String client) {
        RateLimitConfig.Client own = config.clients().get(client);
        return own != null
                ? new TokenBucket(own.requestsPerSecond(), own.burst(), System.nanoTime())
                : new TokenBucket(config.requestsPerSecond(), config.burst(), System.nanoTime());
    }

    private static String client(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity().getPrincipal().getName();
        }
        return null;
    }
}
