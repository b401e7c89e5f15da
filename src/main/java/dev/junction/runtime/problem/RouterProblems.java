package dev.junction.runtime.problem;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Requests no route answers (an unknown path: 404; a known path with another method: 405; a body or an Accept the
 * path's routes do not take: 415, 406) get a problem document like every other refusal, instead of Vert.x' empty or
 * plain-text answer or Quarkus' HTML page.
 */
@Singleton
public class RouterProblems {

    private final EdgeProblems problems;

    public RouterProblems(EdgeProblems problems) {
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.errorHandler(404, context -> problems.send(context, 404, "not-found", "No such resource",
                "Nothing answers " + describe(context) + "."));
        router.errorHandler(405, context -> problems.send(context, 405, "method-not-allowed", "Method not allowed",
                describe(context) + " is not supported; see the OpenAPI document at /openapi."));
        router.errorHandler(415, context -> problems.send(context, 415, "unsupported-media-type",
                "Unsupported media type", describe(context) + " does not take a body of type "
                        + context.request().getHeader("Content-Type") + "; see the OpenAPI document at /openapi."));
        router.errorHandler(406, context -> problems.send(context, 406, "not-acceptable", "Not acceptable",
                describe(context) + " cannot answer in " + context.request().getHeader("Accept") + "."));
    }

    private static String describe(RoutingContext context) {
        return context.request().method().name() + " " + context.request().path();
    }
}
