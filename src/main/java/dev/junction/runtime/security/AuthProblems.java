package dev.junction.runtime.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.junction.runtime.limits.FailedAuthentications;
import dev.junction.runtime.problem.EdgeProblems;

/**
 * 401 and 403 with problem bodies, where Quarkus would answer with an empty body. A 401 is the challenge of
 * {@link JunctionAuthenticationMechanism}, which calls {@link #unauthorized}; should an authentication failure reach
 * the router's failure handlers instead, it is answered the same way here. A 403 comes as a failed request with a
 * {@link ForbiddenException} when an authenticated caller lacks the role a path needs; this failure handler comes
 * before Quarkus' own.
 */
@Singleton
public class AuthProblems {

    private final EdgeProblems problems;
    private final FailedAuthentications failures;

    public AuthProblems(EdgeProblems problems, FailedAuthentications failures) {
        this.problems = problems;
        this.failures = failures;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    /** Missing or invalid credentials; the same answer either way, so it tells nothing about which keys exist. */
    public void unauthorized(RoutingContext context) {
        failures.failed(context);
        context.response().headers().remove("WWW-Authenticate")
                .add("WWW-Authenticate", "ApiKey header=\"" + JunctionAuthenticationMechanism.HEADER + "\"")
                .add("WWW-Authenticate", "Bearer");
        problems.send(context, 401, "unauthorized", "Authentication required",
                "Send an API key in the " + JunctionAuthenticationMechanism.HEADER
                        + " header, or a bearer token in the Authorization header.");
    }

    private void handle(RoutingContext context) {
        if (context.failure() instanceof ForbiddenException) {
            problems.send(context, 403, "forbidden", "Not allowed",
                    "The credentials are valid but do not grant the role this resource needs.");
        } else if (context.failure() instanceof AuthenticationFailedException) {
            unauthorized(context);
        } else {
            context.next();
        }
    }
}
