package dev.junction.runtime.problem;

import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;

/**
 * Builds RFC 9457 {@code application/problem+json} bodies, the one place that knows what a Junction problem document
 * is: routes' error answers, and ({@link EdgeProblems}) the refusals at the HTTP edge. The route sets the HTTP status;
 * the body repeats it, as the RFC asks, so the two cannot disagree. What a problem is about is its caller's to say:
 * this knows no feature and no integration.
 */
@Singleton // no client proxy: routes invoke its methods reflectively
@Named("problems")
@RegisterForReflection
public class ProblemResponses {

    private static final String TYPE_PREFIX = "urn:junction:problem:";

    /** A document holding only the type (the URN's last part); the caller adds the other members, in its order. */
    public ObjectNode create(String type) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode();
        problem.put("type", TYPE_PREFIX + type);
        return problem;
    }

    /**
     * The members a route's problem starts with: type, the status already set on the exchange, the caller's
     * extension members (what the problem concerns, e.g. the order of a sample's route) and the request path as
     * instance. The caller adds title, detail and anything else.
     */
    public ObjectNode create(Exchange exchange, String type, Map<String, String> extensions) {
        ObjectNode problem = create(type);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null) {
            problem.put("status", status);
        }
        extensions.forEach(problem::put);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        if (path != null) {
            problem.put("instance", path);
        }
        return problem;
    }

    /** A problem of the given type, for the status already set on the exchange. */
    public String problem(Exchange exchange, String type, String title, String detail) {
        return problemWith(exchange, Map.of(), type, title, detail);
    }

    /** As {@link #problem}, with extension members. Named apart: routes call the others by name, unambiguously. */
    public String problemWith(Exchange exchange, Map<String, String> extensions, String type, String title,
            String detail) {
        ObjectNode problem = create(exchange, type, extensions);
        problem.put("title", title);
        if (detail != null) {
            problem.put("detail", detail);
        }
        return problem.toString();
    }

    /** An unexpected failure; the details are in the log, not in the response. */
    public String internalError(Exchange exchange) {
        return internalErrorWith(exchange, Map.of());
    }

    public String internalErrorWith(Exchange exchange, Map<String, String> extensions) {
        return problemWith(exchange, extensions, "internal-error", "The request could not be processed",
                "An unexpected error occurred; it has been logged.");
    }

    public String notFound(Exchange exchange) {
        return notFoundWith(exchange, Map.of());
    }

    public String notFoundWith(Exchange exchange, Map<String, String> extensions) {
        return problemWith(exchange, extensions, "not-found", "No such resource", null);
    }
}
