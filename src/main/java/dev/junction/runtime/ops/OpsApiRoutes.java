package dev.junction.runtime.ops;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.jboss.logging.Logger;

import dev.junction.runtime.problem.ProblemResponses;
import dev.junction.runtime.security.JunctionAuthenticationMechanism;

/**
 * What every part of the operations API ({@code /api/ops/*}) shares: REST DSL (so each is in the OpenAPI document at
 * /openapi) onto one small route per operation, answering JSON or a problem. Who may call it is decided before any
 * route runs: the {@code operator} role, by quarkus.http.auth.permission.* (dev.junction.runtime.security).
 */
public abstract class OpsApiRoutes extends RouteBuilder {

    /** The OpenAPI security schemes every operation names. */
    private static final String SECURITY = "apiKey";
    private static final String BEARER = "bearer";
    /** A path parameter in an operation's URI: {@code /{id}/replay}. */
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final Logger LOG = Logger.getLogger(OpsApiRoutes.class);

    /** One API operation: reads the request off the exchange, returns the JSON answer (or an {@link OpsAnswer}). */
    @FunctionalInterface
    protected interface Operation {

        Object handle(Exchange exchange) throws Exception;
    }

    private final ProblemResponses problems;

    protected OpsApiRoutes(ProblemResponses problems) {
        this.problems = problems;
    }

    /** The REST DSL for one resource of the API, with API keys and bearer tokens as its security schemes. */
    protected RestDefinition opsRest(String path, String description) {
        // Camel DSL: the indentation shows the nesting of clauses and steps; kept as written.
        // @formatter:off
        return rest(path)
                .description(description)
                .produces("application/json")
                .securityDefinitions()
                    .apiKey(SECURITY, "An API key of a client with the operator role (junction.auth.api-keys.*)")
                        .withHeader(JunctionAuthenticationMechanism.HEADER).end()
                    .bearerToken(BEARER, "A JWT whose groups include operator")
                .end();
        // @formatter:on
    }

    /** A GET on the resource ({@code uri} null) or below it, answered by the route at {@code direct:ops-<id>}. */
    protected RestDefinition get(RestDefinition rest, String uri, String id, String description) {
        return declare(rest.get(uri), uri, id, "ops-" + id, description);
    }

    /** A POST on the resource ({@code uri} null) or below it, answered by the route at {@code direct:ops-<id>}. */
    protected RestDefinition post(RestDefinition rest, String uri, String id, String description) {
        return declare(rest.post(uri), uri, id, "ops-" + id, description);
    }

    /**
     * The operation just added to {@code rest}: {@code id} names it and its REST route, both security schemes apply,
     * each {@code {name}} in its URI is a path parameter, and the route at {@code direct:<route>} answers it. Query
     * parameters may follow on the definition returned (they go to the latest operation).
     */
    protected RestDefinition declare(RestDefinition rest, String uri, String id, String route, String description) {
        rest.id(id).routeId(id).description(description).security(SECURITY).security(BEARER);
        Matcher pathParams = PATH_PARAM.matcher(uri == null ? "" : uri);
        while (pathParams.find()) {
            rest.param().name(pathParams.group(1)).type(RestParamType.path).endParam();
        }
        return rest.to("direct:" + route);
    }

    /** A JSON object to build an answer in: answers are trees of nodes, so no mapper (no class binding) is needed. */
    protected static ObjectNode jsonObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** An optional query parameter of the latest operation on {@code rest}; type, default and description follow. */
    protected static ParamDefinition query(RestDefinition rest, String name) {
        return rest.param().name(name).type(RestParamType.query).required(false);
    }

    /** The latest operation answers a page: {@code offset} (from 0) and {@code limit}, at most {@code maxLimit}. */
    protected static RestDefinition paged(RestDefinition rest, int defaultLimit, int maxLimit) {
        query(rest, "offset").dataType("integer").defaultValue("0").endParam();
        return query(rest, "limit").dataType("integer").defaultValue(String.valueOf(defaultLimit))
                .description("Page size, at most " + maxLimit).endParam();
    }

    /** The route behind one REST operation, at {@code direct:<routeId>}. */
    protected void operation(String routeId, String description, Operation operation) {
        // Camel DSL: the indentation shows the nesting of clauses and steps; kept as written.
        // @formatter:off
        from("direct:" + routeId)
                .routeId(routeId)
                .description(description)
                // Errors are answers here, never dead letters or retries.
                .errorHandler(defaultErrorHandler())
                .onException(OpsException.class).handled(true).maximumRedeliveries(0)
                    .process(this::problem)
                .end()
                .onException(Exception.class).handled(true).maximumRedeliveries(0)
                    .process(this::internalError)
                .end()
                .process(exchange -> answer(exchange, operation.handle(exchange)));
        // @formatter:on
    }

    private static void answer(Exchange exchange, Object result) {
        if (result instanceof OpsAnswer answer) {
            answer(exchange, answer.status(), answer.body());
            if (answer.location() != null) {
                exchange.getMessage().setHeader("Location", answer.location());
            }
        } else {
            answer(exchange, 200, result);
        }
    }

    private void problem(Exchange exchange) {
        OpsException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, OpsException.class);
        answerProblem(exchange, failure.status(),
                answered -> problems.problem(answered, failure.type(), failure.title(), failure.getMessage()));
    }

    private void internalError(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.errorf(failure, "Operations API request %s %s failed",
                exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                exchange.getMessage().getHeader(Exchange.HTTP_URI));
        answerProblem(exchange, 500, problems::internalError);
    }

    /** The status goes on before the body is built: the problem body repeats it. */
    private static void answerProblem(Exchange exchange, int status, Function<Exchange, String> problem) {
        answer(exchange, status, null);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        exchange.getMessage().setBody(problem.apply(exchange));
    }

    /**
     * The request's headers (the API key above all) must not be echoed back as response headers, nor the caller's
     * authenticated user (a Camel header, kept by the first removal; platform-http filters Camel headers out of
     * responses today, and this does not rely on it).
     */
    private static void answer(Exchange exchange, int status, Object body) {
        exchange.getMessage().removeHeaders("*", "Camel*");
        exchange.getMessage().removeHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body);
    }
}
