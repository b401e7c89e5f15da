package dev.junction.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.junction.problem.EdgeProblems;

/**
 * 401 and 403 with problem bodies. Quarkus answers both with an empty body: a 401 from the challenge of whichever
 * mechanism saw the credentials (ours calls {@link #unauthorized}; smallrye-jwt's sets its header and leaves the
 * request failed with an {@link AuthenticationFailedException}), a 403 by failing the request with a
 * {@link ForbiddenException} when an authenticated caller lacks the role a path needs. The failures reach the router's
 * failure handlers, where this one comes first.
 */
@Singleton
public class AuthProblems {

    private final EdgeProblems problems;

    public AuthProblems(EdgeProblems problems) {
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    /** Missing or invalid credentials; the same answer either way, so it tells nothing about which keys exist. */
    public void unauthorized(RoutingContext context) {
        context.response().headers().remove("WWW-Authenticate")
                .add("WWW-Authenticate", "ApiKey header=\"" + ApiKeyAuthenticationMechanism.HEADER + "\"")
                .add("WWW-Authenticate", "Bearer");
        problems.send(context, 401, "unauthorized", "Authentication required",
                "Send an API key in the " + ApiKeyAuthenticationMechanism.HEADER
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
