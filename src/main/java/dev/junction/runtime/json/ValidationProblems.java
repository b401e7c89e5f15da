package dev.junction.runtime.json;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;

import dev.junction.runtime.problem.ProblemResponses;

/**
 * The 400 problem body for a {@link JsonValidationException} a route caught: one {@code errors} entry per offending
 * field, so the caller can fix them all at once. Lives beside the exception it reads, so the problem builder needs to
 * know no validation.
 */
@Singleton // no client proxy: routes invoke its methods reflectively
@Named("validationProblems")
@RegisterForReflection
public class ValidationProblems {

    private final ProblemResponses problems;

    public ValidationProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    public String validationFailed(Exchange exchange) {
        return validationFailedWith(exchange, Map.of());
    }

    /** As {@link #validationFailed}, with extension members. Named apart: routes call the other by name. */
    public String validationFailedWith(Exchange exchange, Map<String, String> extensions) {
        ObjectNode problem = problems.create(exchange, "validation-failed", extensions);
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
}
