package dev.junction.runtime.limits;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.runtime.problem.EdgeProblems;

/**
 * Bodies larger than {@code quarkus.http.limits.max-body-size} are refused with 413 and a problem body, before any of
 * them is read: when the Content-Length says so, here (Quarkus' own check, right after, would answer with an empty
 * body); when a chunked body grows past the limit while it is read, from the failure Vert.x' body handler raises.
 * Either way the connection is closed, so the rest of the body is never read.
 */
@Singleton
public class RequestSizeLimit {

    /** After authentication and authorization (200, 100) and the rate limit, before Quarkus' own check (order -2). */
    private static final int PRIORITY = 3;

    private final Optional<Long> maxBytes;
    private final EdgeProblems problems;

    public RequestSizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> max,
            EdgeProblems problems) {
        this.maxBytes = max.map(MemorySize::asLongValue);
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::checkDeclaredLength, PRIORITY);
    }

    void registerFailures(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::whenBodyTooLarge);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (maxBytes.isPresent() && length != null && parse(length) > maxBytes.get()) {
            tooLarge(context);
        } else {
            context.next();
        }
    }

    private void whenBodyTooLarge(RoutingContext context) {
        if (context.statusCode() == 413) {
            tooLarge(context);
        } else {
            context.next();
        }
    }

    private void tooLarge(RoutingContext context) {
        context.response().putHeader("Connection", "close");
        problems.send(context, 413, "payload-too-large", "The request body is too large",
                "At most " + maxBytes.map(String::valueOf).orElse("?") + " bytes are accepted.");
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            // Not ours to judge: the HTTP codec rejects a malformed Content-Length.
            return -1;
        }
    }
}
