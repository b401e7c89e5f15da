package dev.junction.runtime.problem;

import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Problem bodies ({@code application/problem+json}, built by {@link ProblemResponses}) for requests refused at the
 * HTTP edge, before any route sees them: authentication, authorization, size and rate limits. Quarkus would answer
 * these with an empty body.
 */
@Singleton
public class EdgeProblems {

    private final ProblemResponses problems;

    public EdgeProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    /** Answers the request with this status and problem, and ends the response. */
    public void send(RoutingContext context, int status, String type, String title, String detail) {
        if (context.response().ended()) {
            return;
        }
        String problem = problems.create(type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", context.request().path())
                .toString();
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(problem);
    }
}
