package dev.junction.samples.intake;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;

import dev.junction.runtime.deadletter.FailedAttemptCounter;
import dev.junction.runtime.json.ValidationProblems;
import dev.junction.runtime.problem.ProblemResponses;

/**
 * Order intake's problem bodies: its own wording for an order that was not published, and every problem it answers
 * names the order concerned (extension member {@code orderId}) once the route has read it.
 */
@Singleton // no client proxy: routes invoke its methods reflectively
@Named("orderProblems")
@RegisterForReflection
public class OrderProblems {

    private static final String NOT_PUBLISHED = "The order could not be published";

    private final ProblemResponses problems;
    private final ValidationProblems validation;

    public OrderProblems(ProblemResponses problems, ValidationProblems validation) {
        this.problems = problems;
        this.validation = validation;
    }

    /** For a JsonValidationException: one {@code errors} entry per offending field. */
    public String validationFailed(Exchange exchange) {
        return validation.validationFailedWith(exchange, order(exchange));
    }

    /** The order was not published, but is kept in the dead-letter store, to be replayed by operators. */
    public String deadLettered(Exchange exchange) {
        return problems.problemWith(exchange, order(exchange), "not-published", NOT_PUBLISHED,
                "The message broker did not accept the order after " + FailedAttemptCounter.attempts(exchange)
                        + " attempts. It has been kept, and will be published when operators replay it; sending it"
                        + " again later is safe too (an order is fulfilled once per orderId).");
    }

    /** Neither published nor dead-lettered: the caller still owns the order and must retry. */
    public String notKept(Exchange exchange) {
        return problems.problemWith(exchange, order(exchange), "not-published", NOT_PUBLISHED,
                "The message broker did not accept the order, and it could not be kept for a later replay"
                        + " either: the order was not kept. Retry later.");
    }

    /** A batch order left untried because an earlier order of the batch could not be published. */
    public String notAttempted(Exchange exchange) {
        return problems.problemWith(exchange, order(exchange), "not-attempted", "The order was not attempted",
                "An earlier order of this batch could not be published, so the broker is presumed unavailable and "
                        + "this one was not tried. Nothing was published for it; retry it.");
    }

    public String internalError(Exchange exchange) {
        return problems.internalErrorWith(exchange, order(exchange));
    }

    public String notFound(Exchange exchange) {
        return problems.notFoundWith(exchange, order(exchange));
    }

    /** The order concerned, where the route has identified one (variable orderId). */
    private static Map<String, String> order(Exchange exchange) {
        String orderId = exchange.getVariable("orderId", String.class);
        return orderId == null ? Map.of() : Map.of("orderId", orderId);
    }
}
