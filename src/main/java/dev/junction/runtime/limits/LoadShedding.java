package dev.junction.runtime.limits;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.junction.runtime.problem.EdgeProblems;

/**
 * A replica-wide bound on the requests in progress ({@code junction.load-shedding.*}). The per-client rate limit
 * cannot protect Junction from many clients at once, or from one whose limit is lifted: without this, a burst queues
 * on the worker threads and every caller waits until it times out, including those whose orders would have been
 * taken. Beyond the bound a request is answered 503 with Retry-After at once, before its body is read, so the
 * excess costs almost nothing and the requests already accepted finish at their usual latency.
 */
@Singleton
public class LoadShedding {

    /** After authentication (200), authorization (100) and the per-client rate limit (50): a client over its own
     * rate hears 429, which tells it more than 503. Before the body size check (3). */
    private static final int PRIORITY = 10;

    private final LoadSheddingConfig config;
    private final EdgeProblems problems;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger unauthenticatedInFlight = new AtomicInteger();
    private final Counter shed;

    public LoadShedding(LoadSheddingConfig config, EdgeProblems problems, MeterRegistry registry) {
        this.config = config;
        this.problems = problems;
        Gauge.builder("junction.http.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests on the shed paths (junction.load-shedding.paths) in progress")
                .register(registry);
        Gauge.builder("junction.http.unauthenticated.requests.in.flight", unauthenticatedInFlight, AtomicInteger::get)
                .description("Requests on the unauthenticated paths (junction.load-shedding.unauthenticated.paths)"
                        + " in progress")
                .register(registry);
        this.shed = Counter.builder("junction.http.requests.shed")
                .description("Requests answered 503 because their paths' bound of requests in progress was reached")
                .register(registry);
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::admit, PRIORITY);
        }
    }

    private void admit(RoutingContext context) {
        String path = context.request().path();
        if (config.unauthenticated().paths().stream().anyMatch(path::startsWith)) {
            admit(context, unauthenticatedInFlight, config.unauthenticated().maxInFlight());
        } else if (config.paths().stream().anyMatch(path::startsWith)) {
            admit(context, inFlight, config.maxInFlight());
        } else {
            context.next();
        }
    }

    private void admit(RoutingContext context, AtomicInteger counter, int max) {
        if (counter.incrementAndGet() > max) {
            counter.decrementAndGet();
            shed.increment();
            context.response().putHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
            problems.send(context, 503, "overloaded", "Too many requests in progress",
                    "Junction is working on " + max + " requests of this kind already; retry after "
                            + config.retryAfterSeconds() + " s.");
            return;
        }
        // Called once the response is written or the connection is gone, whichever comes first.
        context.addEndHandler(ended -> counter.decrementAndGet());
        context.next();
    }
}
