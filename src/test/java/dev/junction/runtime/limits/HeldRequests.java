package dev.junction.runtime.limits;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * A test-only endpoint on a shed path, {@code GET /api/v1/test/held}, whose requests stay in progress until the test
 * releases them: the way to hold a known number of requests in flight without depending on how long a broker or a
 * database takes.
 */
@Singleton
public class HeldRequests {

    static final String PATH = "/api/v1/test/held";

    private final Queue<RoutingContext> held = new ConcurrentLinkedQueue<>();

    void register(@Observes Router router) {
        router.get(PATH).handler(held::add);
    }

    /** Requests held whose connection is still open. */
    long open() {
        return held.stream().filter(context -> !context.response().closed()).count();
    }

    void releaseAll() {
        for (RoutingContext context = held.poll(); context != null; context = held.poll()) {
            if (!context.response().closed()) {
                context.response().end("released");
            }
        }
    }
}
