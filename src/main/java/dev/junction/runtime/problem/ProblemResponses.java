package dev.junction.runtime.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;

import dev.junction.runtime.deadletter.DeadLetterRecorder;
import dev.junction.runtime.deadletter.FailedAttemptCounter;
import dev.junction.runtime.json.JsonValidationException;

/**
 * Builds RFC 9457 {@code application/problem+json} bodies for the errors routes answer with. The route sets the
 * HTTP status; the body repeats it, as the RFC asks, so the two cannot disagree.
 */
@Singleton // no client proxy: routes invoke its methods reflectively
@Named("problems")
@RegisterForReflection
public class ProblemResponses {

    private static final String TYPE_PREFIX = "urn:junction:problem:";

    private final ObjectMapper mapper;

    public ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** For a {@link JsonValidationException}: one {@code errors} entry per offending field. */
    public String validationFailed(Exchange exchange) {
        ObjectNode problem = base(exchange, "validation-failed");
        JsonValidationException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                JsonValidationException.class);
        if (failure == null) {
            problem.put("title", "The request is invalid");
            return problem.toString();
        }
        problem.put("title", failure.title());
        problem.put("detail", failure.getMessage());
        ArrayNode errors = problem.putArray("errors");
        failure.errors().forEach(e -> errors.addObject().put("field", e.field()).put("message", e.message()));
        return problem.toString();
    }

    /** The order was not published, but is kept in the dead-letter store, to be replayed by operators. */
    public String deadLettered(Exchange exchange) {
        return problem(exchange, "not-published", "The order could not be published",
                "The message broker did not accept the order after " + FailedAttemptCounter.attempts(exchange)
                        + " attempts. It has been kept, and will be published when operators replay it; sending it"
                        + " again later is safe too (an order is fulfilled once per orderId).");
    }

    /** Neither published nor dead-lettered: the caller still owns the order and must retry. */
    public String notKept(Exchange exchange) {
        return problem(exchange, "not-published", "The order could not be published",
                "The message broker did not accept the order, and it could not be kept for a later replay"
                        + " either: the order was not kept. Retry later.");
    }

    /** A batch order left untried because an earlier order of the batch could not be published. */
    public String notAttempted(Exchange exchange) {
        return problem(exchange, "not-attempted", "The order was not attempted",
                "An earlier order of this batch could not be published, so the broker is presumed unavailable and "
                        + "this one was not tried. Nothing was published for it; retry it.");
    }

    /** A route gave up on the request; it is kept in the dead-letter store for operators to replay. */
    public String deadLetterKept(Exchange exchange) {
        ObjectNode problem = base(exchange, "dead-lettered");
        problem.put("title", "The request could not be processed");
        problem.put("detail", "Processing failed after " + FailedAttemptCounter.attempts(exchange)
                + " attempt(s). The request has been kept for operators, who can replay it.");
        problem.put("deadLetterId", exchange.getProperty(DeadLetterRecorder.DEAD_LETTER_ID, String.class));
        return problem.toString();
    }

    /** An unexpected failure outside publishing; the details are in the log, not in the response. */
    public String internalError(Exchange exchange) {
        return problem(exchange, "internal-error", "The request could not be processed",
                "An unexpected error occurred; it has been logged.");
    }

    public String notFound(Exchange exchange) {
        return problem(exchange, "not-found", "No such resource", null);
    }

    /** A problem of the given type (the URN's last part), for the status already set on the exchange. */
    public String problem(Exchange exchange, String type, String title, String detail) {
        ObjectNode problem = base(exchange, type);
        problem.put("title", title);
        if (detail != null) {
            problem.put("detail", detail);
        }
        return problem.toString();
    }

    private ObjectNode base(Exchange exchange, String type) {
        ObjectNode problem = mapper.createObjectNode();
        problem.put("type", TYPE_PREFIX + type);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null) {
            problem.put("status", status);
        }
        // Extension member: the order concerned, where the route has identified one.
        String orderId = exchange.getVariable("orderId", String.class);
        if (orderId != null) {
            problem.put("orderId", orderId);
        }
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        if (path != null) {
            problem.put("instance", path);
        }
        return problem;
    }
}
